package dev.conflux.broker.internal;

import static dev.conflux.broker.internal.Frames.concat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.Test;

/** The STOMP, MQTT and core frame limits: what fits passes unchanged, in any split; what does not is cut off. */
public class LimitsTest {

    static final int LIMIT = 1000;

    @Test
    public void stompFramesEndingInNulPassAndOneRunningOverTheLimitIsCutOff() {
        byte[] frames = concat(stomp("CONNECT\nlogin:a\npasscode:b\n\n"), stomp("SEND\ndestination:q\n\n" + "x".repeat(900)));
        assertPasses(new StompFrameLimit(LIMIT, new Refusals()), frames, 7);

        EmbeddedChannel c = new EmbeddedChannel(new StompFrameLimit(LIMIT, new Refusals()));
        byte[] noNul = new byte[LIMIT + 1];
        Arrays.fill(noNul, (byte) 'x');
        Frames.send(c, concat(stomp("CONNECT\n\n"), noNul), 100);
        assertFalse(c.isOpen());
    }

    @Test
    public void mqttPacketsWithinTheLimitPassAndLargerOrOverlongLengthsAreRefused() {
        byte[] packets = concat(mqtt(0x10, 12), mqtt(0x30, 130), mqtt(0x30, LIMIT), new byte[] {(byte) 0xc0, 0});
        assertPasses(new MqttPacketLimit(LIMIT, new Refusals()), packets, 1);
        assertPasses(new MqttPacketLimit(LIMIT, new Refusals()), packets, 4096);

        assertRefused(new MqttPacketLimit(LIMIT, new Refusals()), new byte[] {0x30, (byte) 0xe9, 0x07}); // 1001
        assertRefused(new MqttPacketLimit(Integer.MAX_VALUE, new Refusals()),
                new byte[] {0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01});
    }

    @Test
    public void coreFramesWithinTheLimitPassAndLargerOrNegativeLengthsAreRefused() {
        byte[] frames = concat(core(0), core(17), core(LIMIT));
        assertPasses(new CoreFrameLimit(LIMIT, new Refusals()), frames, 3);

        assertRefused(new CoreFrameLimit(LIMIT, new Refusals()), ByteBuffer.allocate(4).putInt(LIMIT + 1).array());
        assertRefused(new CoreFrameLimit(LIMIT, new Refusals()), new byte[] {(byte) 0xff, 0, 0, 0});
    }

    @Test
    public void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new GuardLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GuardLimits(1, -1, 1));
    }

    private static void assertPasses(GuardHandler guard, byte[] bytes, int chunk) {
        EmbeddedChannel c = new EmbeddedChannel(guard);
        Frames.send(c, bytes, chunk);
        assertTrue(c.isOpen());
        assertArrayEquals(bytes, Frames.joined(Frames.passed(c)));
    }

    private static void assertRefused(GuardHandler guard, byte[] bytes) {
        EmbeddedChannel c = new EmbeddedChannel(guard);
        Frames.send(c, concat(bytes, new byte[100]), 64);
        assertFalse(c.isOpen());
        assertTrue("nothing passed", Frames.passed(c).isEmpty());
    }

    static byte[] stomp(String frame) {
        return concat(frame.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    /** An MQTT packet of {@code type} with {@code length} bytes after its header. */
    static byte[] mqtt(int type, int length) {
        ByteBuffer b = ByteBuffer.allocate(5 + length).put((byte) type);
        int rest = length;
        do {
            int digit = rest % 128;
            rest /= 128;
            b.put((byte) (rest > 0 ? digit | 0x80 : digit));
        } while (rest > 0);
        b.put(new byte[length]);
        return Arrays.copyOf(b.array(), b.position());
    }

    static byte[] core(int length) {
        return ByteBuffer.allocate(4 + length).putInt(length).array();
    }
}
