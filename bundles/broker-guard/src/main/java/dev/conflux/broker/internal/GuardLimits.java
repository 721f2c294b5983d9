package dev.conflux.broker.internal;

/**
 * The sizes the guard holds broker clients to (etc/conflux.broker.guard.cfg). The AMQP SASL limit is not here: it
 * is the AMQP acceptor's own {@code initialRemoteMaxFrameSize}, read from the connection's protocol manager, so
 * that the guard and proton-j always agree on it.
 *
 * @param stompMaxFrameBytes the most bytes a STOMP client may send without ending a frame (NUL)
 * @param mqttMaxPacketBytes the largest MQTT packet (remaining length) a client may announce
 * @param coreMaxFrameBytes the largest core frame (length prefix) a client may announce
 */
record GuardLimits(int stompMaxFrameBytes, int mqttMaxPacketBytes, int coreMaxFrameBytes) {

    static final int DEFAULT_STOMP_MAX_FRAME_BYTES = 256 * 1024;
    static final int DEFAULT_MQTT_MAX_PACKET_BYTES = 1024 * 1024;
    static final int DEFAULT_CORE_MAX_FRAME_BYTES = 10 * 1024 * 1024;

    GuardLimits {
        positive("stomp.maxFrameBytes", stompMaxFrameBytes);
        positive("mqtt.maxPacketBytes", mqttMaxPacketBytes);
        positive("core.maxFrameBytes", coreMaxFrameBytes);
    }

    static GuardLimits defaults() {
        return new GuardLimits(DEFAULT_STOMP_MAX_FRAME_BYTES, DEFAULT_MQTT_MAX_PACKET_BYTES, DEFAULT_CORE_MAX_FRAME_BYTES);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number of bytes, not " + value);
        }
    }
}
