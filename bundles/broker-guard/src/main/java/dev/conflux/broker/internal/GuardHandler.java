package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * A guard that only watches the bytes go by: it follows the protocol's framing across reads and, when a client
 * announces or sends more than the limit (or something that cannot be a frame), closes the connection before the
 * broker's decoder buffers it. Bytes that pass are handed on unchanged.
 */
abstract class GuardHandler extends ChannelInboundHandlerAdapter {

    private final String protocol;
    private final Refusals refusals;
    private boolean refused;

    GuardHandler(String protocol, Refusals refusals) {
        this.protocol = protocol;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf bytes) {
            String problem = scan(bytes);
            if (problem != null) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, problem);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Follows the framing over {@code bytes} (without consuming them); a problem sentence, or null if they may pass. */
    abstract String scan(ByteBuf bytes);

    void refuse(ChannelHandlerContext ctx, String problem) {
        refused = true;
        refusals.refused(protocol, ctx.channel().remoteAddress(), problem);
        ctx.close();
    }
}
