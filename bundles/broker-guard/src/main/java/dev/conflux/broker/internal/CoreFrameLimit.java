package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;

/**
 * Artemis core: each frame is a four-byte length and that many bytes. The broker's decoder accepts any length up
 * to 2 GB; this holds clients to the limit (core clients send larger messages in chunks of about 100 KB).
 */
final class CoreFrameLimit extends GuardHandler {

    private final int maxFrameBytes;
    private int lengthBytes;
    private int length;
    private long bodyLeft;

    CoreFrameLimit(int maxFrameBytes, Refusals refusals) {
        super("core", refusals);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    String scan(ByteBuf bytes) {
        int i = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (i < end) {
            if (bodyLeft > 0) {
                long skip = Math.min(bodyLeft, end - i);
                i += (int) skip;
                bodyLeft -= skip;
                continue;
            }
            length = (length << 8) | bytes.getUnsignedByte(i++);
            if (++lengthBytes < 4) {
                continue;
            }
            if (length < 0 || length > maxFrameBytes) {
                return "a core frame of " + Integer.toUnsignedString(length) + " bytes is over the " + maxFrameBytes
                        + "-byte limit";
            }
            bodyLeft = length;
            lengthBytes = 0;
            length = 0;
        }
        return null;
    }
}
