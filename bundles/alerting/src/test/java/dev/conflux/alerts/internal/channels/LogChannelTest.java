package dev.conflux.alerts.internal.channels;

import static org.junit.Assert.assertEquals;

import dev.conflux.alerts.channel.Notification;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.slf4j.Logger;

public class LogChannelTest {

    /** A logger that keeps "LEVEL line" for warn and info. */
    private static Logger recording(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if ((method.getName().equals("warn") || method.getName().equals("info")) && args.length == 2) {
                        lines.add(method.getName().toUpperCase() + " " + String.valueOf(args[0]).replace("{}",
                                String.valueOf(args[1])));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    @Test
    public void warnsOnFiringAndRepeatAndInformsOnResolvedOneLineEach() {
        List<String> lines = new ArrayList<>();
        LogChannel log = new LogChannel("log", recording(lines));
        log.send(Fixtures.notification(Notification.Event.FIRING));
        log.send(Fixtures.notification(Notification.Event.REPEAT));
        log.send(Fixtures.notification(Notification.Event.RESOLVED));
        assertEquals(3, lines.size());
        assertEquals(List.of("WARN", "WARN", "INFO"), lines.stream().map(l -> l.split(" ")[0]).toList());
        lines.forEach(l -> assertEquals(l, -1, l.indexOf('\n')));
        String first = lines.get(0);
        assertEquals("WARN Alert FIRING [critical] dead-letters/orders: queue orders has 1 new dead letter; value 1"
                + " dead letter; since 2026-12-02T10:00:00Z (", first.substring(0, first.indexOf('(') + 1));
        assertEquals(" ago); http://127.0.0.1:8181/hawtio/#/conflux?tab=deadletters",
                first.substring(first.indexOf(" ago)")));
    }
}
