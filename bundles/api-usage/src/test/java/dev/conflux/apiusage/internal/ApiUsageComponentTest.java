package dev.conflux.apiusage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.conflux.apiusage.api.ApiCall;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.Window;
import java.lang.annotation.Annotation;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Test;

public class ApiUsageComponentTest {

    private final JdbcDataSource db = new JdbcDataSource();
    private ApiUsageComponent component;

    {
        db.setURL("jdbc:h2:mem:component-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    private void activate(boolean enabled) {
        component = new ApiUsageComponent();
        component.store = db;
        component.activate(new ApiUsageComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ApiUsageComponent.Config.class;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int retention_months() {
                return 13;
            }

            @Override
            public int maxPairsPerMinute() {
                return 100;
            }

            @Override
            public int write_seconds() {
                return 10;
            }
        });
    }

    @After
    public void stop() {
        if (component != null) {
            component.deactivate();
        }
    }

    private static ApiCall call() {
        return new ApiCall("/api/orders", "POST /api/orders", "shop", 202, 1_000_000, 10, 10);
    }

    @Test
    public void whatWasCountedOutlivesARestartInTheDaysRollUps() {
        activate(true);
        component.record(call());
        component.record(null);
        assertEquals(1, component.usage(Window.FIVE_MINUTES, Grouping.BOTH).get(0).calls());
        component.deactivate(); // writes the minute under way, as when Conflux stops
        activate(true);
        assertEquals("the minutes start afresh", 0, component.usage(Window.HOUR, Grouping.BOTH).size());
        assertEquals("the roll-ups are kept", 1, component.usage(Window.DAY, Grouping.BOTH).get(0).calls());
    }

    @Test
    public void disabledItCountsNothing() {
        activate(false);
        component.record(call());
        assertEquals(0, component.usage(Window.FIVE_MINUTES, Grouping.OPERATION).size());
    }

    @Test
    public void aWrongWindowNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Window.of("2h"));
        assertEquals("Unknown window '2h': use one of 5m, 1h, 1d, 30d", e.getMessage());
        assertEquals("Unknown grouping 'flow': use operation, consumer or both",
                assertThrows(IllegalArgumentException.class, () -> Grouping.of("flow")).getMessage());
    }
}
