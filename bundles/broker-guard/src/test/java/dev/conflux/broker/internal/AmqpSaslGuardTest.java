package dev.conflux.broker.internal;

import static dev.conflux.broker.internal.Frames.AMQP_HEADER;
import static dev.conflux.broker.internal.Frames.SASL_HEADER;
import static dev.conflux.broker.internal.Frames.concat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class AmqpSaslGuardTest {

    static final int LIMIT = 16384;

    private final EmbeddedChannel channel = new EmbeddedChannel(new AmqpSaslGuard(LIMIT, new Refusals()));

    @Test
    public void aProperClientPassesUnchangedWithEachSaslFrameInARead() {
        byte[] init = Frames.saslInit("admin", 8000);
        byte[] afterSasl = concat(AMQP_HEADER, Frames.open());
        Frames.send(channel, concat(SASL_HEADER, init, afterSasl), 1 << 16);

        List<byte[]> reads = Frames.passed(channel);
        assertTrue(channel.isOpen());
        assertArrayEquals(SASL_HEADER, reads.get(0));
        assertArrayEquals(init, reads.get(1));
        assertArrayEquals(afterSasl, Frames.joined(reads.subList(2, reads.size())));
        assertNull("the guard left the pipeline after SASL", channel.pipeline().get(AmqpSaslGuard.class));
    }

    @Test
    public void bytesArrivingOneAtATimeAreReassembledIntoTheSameFrames() {
        byte[] init = Frames.saslInit("admin", 100);
        byte[] response = Frames.saslResponse();
        Frames.send(channel, concat(SASL_HEADER, init, response, AMQP_HEADER), 1);

        List<byte[]> reads = Frames.passed(channel);
        assertTrue(channel.isOpen());
        assertArrayEquals(SASL_HEADER, reads.get(0));
        assertArrayEquals(init, reads.get(1));
        assertArrayEquals(response, reads.get(2));
        assertArrayEquals(AMQP_HEADER, Frames.joined(reads.subList(3, reads.size())));
    }

    @Test
    public void aSaslFrameOverTheLimitClosesTheConnectionBeforeTheBrokerSeesIt() {
        Frames.send(channel, concat(SASL_HEADER, Frames.saslInit("admin", LIMIT), new byte[5000]), 1 << 16);
        assertClosedAfterHeader();
    }

    @Test
    public void aHugeDeclaredSizeIsRefusedWithoutWaitingForTheBytes() {
        Frames.send(channel, concat(SASL_HEADER, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}), 1 << 16);
        assertClosedAfterHeader();
    }

    @Test
    public void malformedFramesAreRefused() {
        byte[] init = Frames.saslInit("admin", 10);
        byte[] wrongType = init.clone();
        wrongType[5] = 0;
        byte[] offsetTooSmall = init.clone();
        offsetTooSmall[4] = 1;
        byte[] offsetPastTheEnd = init.clone();
        offsetPastTheEnd[4] = (byte) 0xff;
        byte[] garbageBody = Frames.frame(1, new byte[] {0x00, 0x53, 0x41, (byte) 0xd0, 1, 2});
        byte[] notAnInit = Frames.saslResponse();
        byte[] tooSmall = {0, 0, 0, 4, 2, 1, 0, 0};
        for (byte[] bad : List.of(wrongType, offsetTooSmall, offsetPastTheEnd, garbageBody, notAnInit, tooSmall)) {
            EmbeddedChannel c = new EmbeddedChannel(new AmqpSaslGuard(LIMIT, new Refusals()));
            Frames.send(c, concat(SASL_HEADER, bad, new byte[3000]), 1 << 16);
            List<byte[]> reads = Frames.passed(c);
            assertFalse("closed", c.isOpen());
            assertEquals("only the header was passed on", 1, reads.size());
        }
    }

    @Test
    public void aMalformedSaslHeaderIsRefused() {
        Frames.send(channel, concat(new byte[] {'A', 'M', 'Q', 'P', 3, 9, 9, 9}, new byte[3000]), 1 << 16);
        assertFalse(channel.isOpen());
        assertTrue(Frames.passed(channel).isEmpty());
    }

    @Test
    public void aClientWithoutSaslIsLeftToTheBroker() {
        byte[] bytes = concat(AMQP_HEADER, Frames.open());
        Frames.send(channel, bytes, 3);
        assertTrue(channel.isOpen());
        assertArrayEquals(bytes, Frames.joined(Frames.passed(channel)));
    }

    @Test
    public void randomBytesAfterTheHeaderNeverReachTheBrokerUnchecked() {
        Random random = new Random(15);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(garbage);
            EmbeddedChannel c = new EmbeddedChannel(new AmqpSaslGuard(LIMIT, new Refusals()));
            Frames.send(c, concat(SASL_HEADER, garbage), 1 + random.nextInt(4096));
            List<byte[]> reads = Frames.passed(c);
            // at most waiting for the rest of a frame it announced, never passing one on
            assertEquals("garbage of " + garbage.length + " bytes passed as SASL", 1, reads.size());
        }
    }

    private void assertClosedAfterHeader() {
        List<byte[]> reads = Frames.passed(channel);
        assertFalse("closed", channel.isOpen());
        assertEquals(1, reads.size());
        assertArrayEquals(SASL_HEADER, reads.get(0));
    }
}
