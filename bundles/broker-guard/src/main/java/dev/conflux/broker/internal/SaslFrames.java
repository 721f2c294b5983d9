package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;
import org.apache.qpid.proton.amqp.security.SaslInit;
import org.apache.qpid.proton.amqp.security.SaslResponse;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * What a client may send during AMQP SASL (AMQP 1.0 part 5.3): the SASL protocol header, then frames of type 1
 * whose body is a sasl-init (first) or a sasl-response. The body is decoded with proton-j's own decoder, the one
 * the broker uses next, so that a frame let through is one the broker can parse.
 */
final class SaslFrames {

    static final int FRAME_HEADER_BYTES = 8;
    private static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    private static final int SASL_FRAME_TYPE = 1;

    private DecoderImpl decoder;

    static boolean isSaslHeader(ByteBuf in, int at) {
        for (int i = 0; i < SASL_HEADER.length; i++) {
            if (in.getByte(at + i) != SASL_HEADER[i]) {
                return false;
            }
        }
        return true;
    }

    /** Checks one whole frame (size field included); a problem sentence, or null if it is a frame the client may send. */
    String check(ByteBuf frame, boolean expectInit) {
        int size = frame.readableBytes();
        int dataOffset = frame.getUnsignedByte(frame.readerIndex() + 4) * 4;
        int type = frame.getUnsignedByte(frame.readerIndex() + 5);
        if (type != SASL_FRAME_TYPE) {
            return "it sent a frame of type " + type + " during SASL";
        }
        if (dataOffset < FRAME_HEADER_BYTES || dataOffset > size) {
            return "it sent a SASL frame with a data offset of " + dataOffset + " bytes in a frame of " + size;
        }
        Object body;
        try {
            DecoderImpl d = decoder();
            d.setByteBuffer(frame.nioBuffer(frame.readerIndex() + dataOffset, size - dataOffset));
            body = d.readObject();
        } catch (RuntimeException undecodable) {
            return "it sent a SASL frame whose body cannot be decoded";
        }
        if (expectInit) {
            if (!(body instanceof SaslInit init) || init.getMechanism() == null) {
                return "its first SASL frame is not a sasl-init naming a mechanism";
            }
        } else if (!(body instanceof SaslResponse)) {
            return "it sent a SASL frame that is not a sasl-response after its sasl-init";
        }
        return null;
    }

    private DecoderImpl decoder() {
        if (decoder == null) {
            decoder = new DecoderImpl();
            AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
        }
        return decoder;
    }
}
