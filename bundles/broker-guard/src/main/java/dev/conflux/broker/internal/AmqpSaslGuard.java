package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * AMQP before authentication. proton-j's SASL layer stops reading at the first frame it cannot parse (larger than
 * the acceptor's {@code initialRemoteMaxFrameSize}, a wrong header, type or data offset, an undecodable body)
 * without closing its input, and the broker's read loop then keeps offering it the bytes that follow: one I/O
 * thread at 100% CPU, forever, and every connection on that thread hangs. So this guard checks each SASL frame
 * first ({@link SaslFrames}), hands the broker one whole, valid frame per read, and closes the connection of a
 * client that sends anything else. Once the client moves on to AMQP proper (its second protocol header), or if it
 * skips SASL, the guard steps out of the pipeline: proton-j's AMQP frame parser closes the connection on bad input
 * itself.
 */
final class AmqpSaslGuard extends ByteToMessageDecoder {

    static final int HEADER_BYTES = 8;
    private static final int SASL_PROTOCOL_ID = 3;
    /** "AMQP" read as a frame size: the protocol header that follows a finished SASL exchange. */
    private static final int AMQP = 0x414D5150;

    private final int maxFrameBytes;
    private final Refusals refusals;
    private final SaslFrames frames = new SaslFrames();
    private boolean headerPassed;
    private boolean initPassed;
    private boolean refused;

    AmqpSaslGuard(int maxFrameBytes, Refusals refusals) {
        this.maxFrameBytes = maxFrameBytes;
        this.refusals = refusals;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!headerPassed) {
            if (in.readableBytes() < HEADER_BYTES) {
                return;
            }
            if (in.getByte(in.readerIndex() + 4) != SASL_PROTOCOL_ID) {
                stepOut(ctx);
                return;
            }
            if (!SaslFrames.isSaslHeader(in, in.readerIndex())) {
                refuse(ctx, in, "its SASL protocol header is malformed");
                return;
            }
            out.add(in.readRetainedSlice(HEADER_BYTES));
            headerPassed = true;
        }
        while (in.readableBytes() >= 4) {
            int size = in.getInt(in.readerIndex());
            if (size == AMQP && initPassed) {
                stepOut(ctx);
                return;
            }
            if (size < SaslFrames.FRAME_HEADER_BYTES || size > maxFrameBytes) {
                refuse(ctx, in, "it announced a SASL frame of " + Integer.toUnsignedString(size)
                        + " bytes; the limit is " + maxFrameBytes + " (initialRemoteMaxFrameSize)");
                return;
            }
            if (in.readableBytes() < size) {
                return;
            }
            String problem = frames.check(in.slice(in.readerIndex(), size), !initPassed);
            if (problem != null) {
                refuse(ctx, in, problem);
                return;
            }
            initPassed = true;
            // One frame per read: the broker then finishes each (and, after sasl-init, authentication) on its own.
            out.add(in.readRetainedSlice(size));
        }
    }

    /** Hands the rest of the stream to the broker unchanged and leaves the pipeline. */
    private void stepOut(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, String problem) {
        refused = true;
        in.skipBytes(in.readableBytes());
        refusals.refused("AMQP", ctx.channel().remoteAddress(), problem);
        ctx.close();
    }
}
