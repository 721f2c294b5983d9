package dev.conflux.broker.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.security.SaslInit;
import org.apache.qpid.proton.amqp.security.SaslResponse;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/** What clients send, built with proton-j's encoder, and what a guard let through. */
final class Frames {

    static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};

    private Frames() {
    }

    static byte[] saslInit(String user, int passwordBytes) {
        byte[] response = new byte[user.length() + passwordBytes + 2];
        System.arraycopy(user.getBytes(StandardCharsets.UTF_8), 0, response, 1, user.length());
        Arrays.fill(response, user.length() + 2, response.length, (byte) 'p');
        SaslInit init = new SaslInit();
        init.setMechanism(Symbol.valueOf("PLAIN"));
        init.setInitialResponse(new Binary(response));
        return frame(1, encode(init));
    }

    static byte[] saslResponse() {
        SaslResponse response = new SaslResponse();
        response.setResponse(new Binary(new byte[] {1, 2, 3}));
        return frame(1, encode(response));
    }

    static byte[] open() {
        Open open = new Open();
        open.setContainerId("test");
        return frame(0, encode(open));
    }

    static byte[] encode(Object body) {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        encoder.setByteBuffer(buffer);
        encoder.writeObject(body);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** A frame of {@code type} with a data offset of 2 (eight header bytes). */
    static byte[] frame(int type, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length);
        frame.putInt(8 + body.length).put((byte) 2).put((byte) type).putShort((short) 0).put(body);
        return frame.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} to the channel in reads of {@code chunk} bytes. */
    static void send(EmbeddedChannel channel, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length && channel.isOpen(); i += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
    }

    /** Each read the guard handed on, as bytes. */
    static List<byte[]> passed(EmbeddedChannel channel) {
        List<byte[]> reads = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            ByteBuf b = (ByteBuf) m;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            reads.add(bytes);
        }
        return reads;
    }

    static byte[] joined(List<byte[]> reads) {
        return concat(reads.toArray(new byte[0][]));
    }
}
