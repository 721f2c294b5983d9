package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * STOMP: a frame ends with a NUL byte. The broker's decoder buffers (and rescans) a frame until it sees one, so a
 * client sending megabytes without a NUL costs about twelve times as much heap; this cuts it off at the limit.
 */
final class StompFrameLimit extends GuardHandler {

    private final int maxFrameBytes;
    private long sinceNul;

    StompFrameLimit(int maxFrameBytes, Refusals refusals) {
        super("STOMP", refusals);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    String scan(ByteBuf bytes) {
        int lastNul = bytes.forEachByteDesc(ByteProcessor.FIND_NUL);
        sinceNul = lastNul < 0 ? sinceNul + bytes.readableBytes() : bytes.writerIndex() - lastNul - 1;
        if (sinceNul > maxFrameBytes) {
            return "a STOMP frame ran over " + maxFrameBytes + " bytes without its NUL terminator";
        }
        return null;
    }
}
