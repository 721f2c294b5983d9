package dev.conflux.itests;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Malformed frames for the broker's four protocols, drawn from a seeded {@link Random} (the same seed gives the same
 * frames): garbage, truncated and wrong headers, wrong and huge declared lengths, oversized SASL, STOMP frames
 * without their NUL, MQTT remaining lengths that overflow. A case the broker must answer by disconnecting is marked
 * {@code mustClose}.
 */
final class BrokerFuzz {

    enum Protocol { CORE, AMQP, MQTT, STOMP }

    record Case(Protocol protocol, String kind, byte[] bytes, boolean mustClose) {
    }

    static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
    /** The broker's limits (etc/artemis.xml, etc/conflux.broker.guard.cfg). */
    static final int SASL_LIMIT = 16384;
    static final int STOMP_LIMIT = 1 << 18;
    static final int MQTT_LIMIT = 1 << 20;
    static final int CORE_LIMIT = 10 << 20;

    private final Random random;
    /**
     * The user name in the frames that carry wrong credentials: not a user of the realm. With the admin's name, the
     * login guard would lock the admin's account after five of them (as it should), and the proper client with it.
     */
    static final String STRANGER = "fuzz-stranger";

    private final String user;
    private final String password;

    /** Frames drawn from {@code seed}; some MQTT cases first connect properly as {@code user}. */
    BrokerFuzz(long seed, String user, String password) {
        random = new Random(seed);
        this.user = user;
        this.password = password;
    }

    /** {@code perProtocol} cases for each protocol, the issue's own reproductions first. */
    List<Case> cases(int perProtocol) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(Protocol.AMQP, "sasl-init with an 8,000-byte password", cat(SASL_HEADER, saslInit(STRANGER, 8000)), false));
        cases.add(new Case(Protocol.AMQP, "sasl-init of 40 KB", cat(SASL_HEADER, saslInit(STRANGER, 40_000)), true));
        cases.add(new Case(Protocol.STOMP, "20 MB STOMP frame without NUL", stompWithoutNul(20 << 20), true));
        for (Protocol p : Protocol.values()) {
            int already = (int) cases.stream().filter(c -> c.protocol() == p).count();
            for (int i = already; i < perProtocol; i++) {
                cases.add(switch (p) {
                    case AMQP -> amqp();
                    case STOMP -> stomp();
                    case MQTT -> mqtt();
                    case CORE -> core();
                });
            }
        }
        return cases;
    }

    private Case amqp() {
        switch (random.nextInt(9)) {
            case 0: {
                byte[] garbage = garbage(4 + random.nextInt(8192));
                int size = ByteBuffer.wrap(garbage).getInt();
                return new Case(Protocol.AMQP, "SASL header, garbage", cat(SASL_HEADER, garbage), size < 8 || size > SASL_LIMIT);
            }
            case 1: {
                int password = random.nextInt(40_000);
                return new Case(Protocol.AMQP, "sasl-init, " + password + "-byte password", cat(SASL_HEADER,
                        saslInit(STRANGER, password), garbage(random.nextInt(4096))), password + 40 > SASL_LIMIT);
            }
            case 2:
                return new Case(Protocol.AMQP, "SASL frame declaring 2 GB", cat(SASL_HEADER, ints(0x7fffffff),
                        garbage(random.nextInt(20_000))), true);
            case 3: {
                byte[] frame = saslInit(STRANGER, random.nextInt(2000));
                frame[4 + random.nextInt(2)] = (byte) random.nextInt(256); // data offset or type
                return new Case(Protocol.AMQP, "sasl-init with a wrong offset or type", cat(SASL_HEADER, frame, garbage(3000)), false);
            }
            case 4:
                return new Case(Protocol.AMQP, "AMQP header, garbage", cat(AMQP_HEADER, garbage(random.nextInt(8192))), false);
            case 5:
                return new Case(Protocol.AMQP, "truncated header", Arrays.copyOf(SASL_HEADER, 1 + random.nextInt(7)), false);
            case 6: {
                byte[] header = SASL_HEADER.clone();
                header[5 + random.nextInt(3)] = (byte) (1 + random.nextInt(255));
                return new Case(Protocol.AMQP, "wrong SASL header version", cat(header, garbage(random.nextInt(4096))), false);
            }
            case 7:
                return new Case(Protocol.AMQP, "sasl-init then AMQP header and garbage in one write", cat(SASL_HEADER,
                        saslInit(STRANGER, random.nextInt(100)), AMQP_HEADER, garbage(random.nextInt(8192))), false);
            default: {
                byte[] frame = saslInit(STRANGER, 20 + random.nextInt(500));
                int cut = 1 + random.nextInt(frame.length - 1);
                return new Case(Protocol.AMQP, "truncated sasl-init", cat(SASL_HEADER, Arrays.copyOf(frame, cut)), false);
            }
        }
    }

    private Case stomp() {
        switch (random.nextInt(6)) {
            case 0:
                return new Case(Protocol.STOMP, "STOMP frame over the limit without NUL",
                        stompWithoutNul(STOMP_LIMIT + 1 + random.nextInt(STOMP_LIMIT)), true);
            case 1:
                return new Case(Protocol.STOMP, "CONNECT, garbage headers", cat(ascii("CONNECT\n"), garbage(random.nextInt(4096))), false);
            case 2:
                return new Case(Protocol.STOMP, "CONNECT with a wrong password", ascii("CONNECT\naccept-version:1.2\nhost:x\nlogin:" + STRANGER + "\npasscode:"
                        + "x".repeat(random.nextInt(20_000)) + "\n\n\0"), false);
            case 3:
                return new Case(Protocol.STOMP, "CONNECT, content-length of 2 GB", ascii("CONNECT\ncontent-length:2147483647\n\n"
                        + "y".repeat(random.nextInt(2000))), false);
            case 4:
                return new Case(Protocol.STOMP, "STOMP frame, unknown command", cat(ascii("STOMP\n\n\0"), ascii("B" + "Z".repeat(random.nextInt(100)) + "\n\n\0"),
                        garbage(random.nextInt(1000))), false);
            default:
                return new Case(Protocol.STOMP, "CONNECT, header without colon", ascii("CONNECT\n" + "h".repeat(random.nextInt(65_536)) + "\n\n\0"), false);
        }
    }

    private Case mqtt() {
        switch (random.nextInt(7)) {
            case 0:
                // after a proper CONNECT, so that the broker knows the client speaks MQTT and the guard sees it
                return new Case(Protocol.MQTT, "remaining length overflowing four bytes", cat(
                        mqttPacket(0x10, mqttConnectBody(user, password)),
                        new byte[] {0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, garbage(100)), true);
            case 6:
                // in the first packet the broker cannot tell the protocol; its handshake timeout closes the connection
                return new Case(Protocol.MQTT, "first packet's remaining length overflowing four bytes",
                        cat(new byte[] {0x10, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, garbage(100)), false);
            case 1:
                return new Case(Protocol.MQTT, "CONNECT declaring 256 MB",
                        cat(new byte[] {0x10, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, mqttConnectBody(STRANGER, "x"), garbage(random.nextInt(4096))), true);
            case 2: {
                byte[] body = mqttConnectBody(STRANGER, "wrong-" + random.nextInt());
                body[6] = (byte) random.nextInt(256); // protocol level
                return new Case(Protocol.MQTT, "CONNECT, wrong protocol level", mqttPacket(0x10, body), false);
            }
            case 3: {
                byte[] packet = mqttPacket(0x10, mqttConnectBody(STRANGER, "x".repeat(random.nextInt(1000))));
                return new Case(Protocol.MQTT, "truncated CONNECT", Arrays.copyOf(packet, 1 + random.nextInt(packet.length - 1)), false);
            }
            case 4:
                return new Case(Protocol.MQTT, "CONNECT then garbage", cat(mqttPacket(0x10, mqttConnectBody(STRANGER, "wrong")),
                        garbage(random.nextInt(8192))), false);
            default:
                return new Case(Protocol.MQTT, "CONNECT with a garbage payload", mqttPacket(0x10, cat(
                        Arrays.copyOf(mqttConnectBody(STRANGER, "x"), 10), garbage(random.nextInt(2000)))), false);
        }
    }

    private Case core() {
        switch (random.nextInt(5)) {
            case 0:
                return new Case(Protocol.CORE, "garbage", garbage(1 + random.nextInt(8192)), false);
            case 1:
                return new Case(Protocol.CORE, "frame declaring 2 GB", cat(ints(0x7fffffff), garbage(random.nextInt(20_000))), true);
            case 2:
                return new Case(Protocol.CORE, "frame over the limit", cat(ints(CORE_LIMIT + 1 + random.nextInt(1 << 20)), garbage(4096)), true);
            case 3:
                return new Case(Protocol.CORE, "ARTEMIS handshake, garbage frames", cat(ascii("ARTEMIS"),
                        ints(1 + random.nextInt(200)), garbage(random.nextInt(4096))), false);
            default:
                return new Case(Protocol.CORE, "frame with a wrong packet", cat(ints(64), garbage(64), ints(-5)), false);
        }
    }

    /** A SASL frame carrying a sasl-init for PLAIN, encoded by hand (AMQP 1.0 types). */
    static byte[] saslInit(String user, int passwordBytes) {
        byte[] response = new byte[user.length() + passwordBytes + 2];
        System.arraycopy(ascii(user), 0, response, 1, user.length());
        Arrays.fill(response, user.length() + 2, response.length, (byte) 'p');
        ByteBuffer fields = ByteBuffer.allocate(response.length + 32);
        fields.put((byte) 0xa3).put((byte) 5).put(ascii("PLAIN"));  // sym8 mechanism
        fields.put((byte) 0xb0).putInt(response.length).put(response); // vbin32 initial-response
        fields.put((byte) 0x40); // hostname: null
        int fieldBytes = fields.position();
        ByteBuffer body = ByteBuffer.allocate(fieldBytes + 12);
        body.put((byte) 0x00).put((byte) 0x53).put((byte) 0x41); // described: sasl-init
        body.put((byte) 0xd0).putInt(fieldBytes + 4).putInt(3).put(fields.array(), 0, fieldBytes); // list32
        int bodyBytes = body.position();
        return ByteBuffer.allocate(8 + bodyBytes).putInt(8 + bodyBytes).put((byte) 2).put((byte) 1).putShort((short) 0)
                .put(body.array(), 0, bodyBytes).array();
    }

    /** MQTT 3.1.1 CONNECT's variable header and payload: clean session, user name and password. */
    static byte[] mqttConnectBody(String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mqttString("MQTT"));
        out.write(4);
        out.write(0xc2);
        out.writeBytes(new byte[] {0, 60});
        out.writeBytes(mqttString("fuzz-" + Integer.toHexString(password.hashCode())));
        out.writeBytes(mqttString(user));
        out.writeBytes(mqttString(password));
        return out.toByteArray();
    }

    static byte[] mqttPacket(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        int rest = body.length;
        do {
            int digit = rest % 128;
            rest /= 128;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] mqttString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return cat(new byte[] {(byte) (b.length >> 8), (byte) b.length}, b);
    }

    private static byte[] stompWithoutNul(int bytes) {
        byte[] frame = new byte[bytes];
        Arrays.fill(frame, (byte) 'x');
        byte[] command = ascii("SEND\ndestination:fuzz\n\n");
        byte[] connect = ascii("CONNECT\naccept-version:1.2\nhost:x\n\n");
        System.arraycopy(connect, 0, frame, 0, connect.length);
        System.arraycopy(command, 0, frame, connect.length, command.length);
        return frame;
    }

    private byte[] garbage(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return b;
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
