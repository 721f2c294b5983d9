package dev.conflux.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.Test;

public class EdgeGuardPluginTest {

    /** Stands for the broker's protocol detector, found by its class's simple name. */
    static final class ProtocolDecoder extends ChannelInboundHandlerAdapter {
    }

    @Test
    public void theGuardGoesRightBehindTheProtocolDetectorSoItSeesEveryByteTheDetectorHandsOn() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tls", new ChannelInboundHandlerAdapter());
        pipeline.addLast(new ProtocolDecoder());
        pipeline.addLast("mqtt-decoder", new ChannelInboundHandlerAdapter());
        pipeline.addLast("handler", new ChannelInboundHandlerAdapter());

        String detector = EdgeGuardPlugin.detectorName(pipeline);
        pipeline.addAfter(detector, EdgeGuardPlugin.GUARD, new StompFrameLimit(10, new Refusals()));

        List<String> names = pipeline.names();
        assertEquals(names.indexOf(detector) + 1, names.indexOf(EdgeGuardPlugin.GUARD));
        assertEquals(names.indexOf("mqtt-decoder") - 1, names.indexOf(EdgeGuardPlugin.GUARD));
    }

    @Test
    public void aPipelineWithoutTheDetectorIsLeftAlone() {
        assertNull(EdgeGuardPlugin.detectorName(new EmbeddedChannel(new ChannelInboundHandlerAdapter()).pipeline()));
    }
}
