package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;

/**
 * MQTT: each packet is a type byte, a remaining length of one to four bytes (seven bits each, high bit = more
 * follow) and that many bytes. The broker's decoder accepts up to 256 MB; this holds clients to the limit and
 * refuses a remaining length that runs past four bytes.
 */
final class MqttPacketLimit extends GuardHandler {

    private final int maxPacketBytes;
    private boolean inHeader = true;
    private boolean typeRead;
    private int lengthBytes;
    private long length;
    private long bodyLeft;

    MqttPacketLimit(int maxPacketBytes, Refusals refusals) {
        super("MQTT", refusals);
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    String scan(ByteBuf bytes) {
        int i = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (i < end) {
            if (!inHeader) {
                long skip = Math.min(bodyLeft, end - i);
                i += (int) skip;
                bodyLeft -= skip;
                if (bodyLeft == 0) {
                    inHeader = true;
                }
                continue;
            }
            int b = bytes.getUnsignedByte(i++);
            if (!typeRead) {
                typeRead = true;
                continue;
            }
            length |= (long) (b & 0x7F) << (7 * lengthBytes);
            lengthBytes++;
            if ((b & 0x80) != 0) {
                if (lengthBytes == 4) {
                    return "an MQTT remaining length ran past four bytes";
                }
                continue;
            }
            if (length > maxPacketBytes) {
                return "an MQTT packet of " + length + " bytes is over the " + maxPacketBytes + "-byte limit";
            }
            bodyLeft = length;
            inHeader = bodyLeft == 0;
            typeRead = false;
            lengthBytes = 0;
            length = 0;
        }
        return null;
    }
}
