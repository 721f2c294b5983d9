package dev.conflux.sample.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.Test;

public class OrderValidationTest {

    @Test
    public void acceptsAWellFormedOrder() throws Exception {
        Order o = OrderFlow.fromJson("{\"orderId\":\"A-1\",\"customer\":\"ACME\",\"item\":\"widget\",\"quantity\":3}");
        assertEquals(new Order("A-1", "ACME", "widget", 3), o);
    }

    @Test
    public void reportsEveryProblemAtOnce() {
        InvalidOrderException e = assertThrows(InvalidOrderException.class,
                () -> OrderFlow.fromJson("{\"item\":\" \",\"quantity\":-2}"));
        assertEquals("Invalid order: 'customer' is required; 'item' is required; 'quantity' must be a positive integer, got -2",
                e.getMessage());
    }

    @Test
    public void malformedJsonNamesThePosition() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> OrderFlow.fromJson("{\"customer\": \"ACME\",\n \"item\": }"));
        String message = OrderFlow.describe(e);
        assertTrue(message, message.startsWith("Malformed JSON at line 2, column 10: Unexpected character ('}'"));
    }

    @Test
    public void parserLimitsAreReportedWithoutNamingTheParsersSettings() {
        JsonProcessingException deep = assertThrows(JsonProcessingException.class,
                () -> OrderFlow.fromJson("[".repeat(1500) + "]".repeat(1500)));
        String message = OrderFlow.describe(deep);
        assertTrue(message, message.contains("nesting depth (1001) exceeds the maximum allowed (1000)"));
        JsonProcessingException longNumber = assertThrows(JsonProcessingException.class,
                () -> OrderFlow.fromJson("{\"quantity\":" + "9".repeat(2000) + "}"));
        message = OrderFlow.describe(longNumber);
        assertTrue(message, message.contains("exceeds the maximum allowed (1000)"));
        for (String m : new String[] {OrderFlow.describe(deep), message}) {
            assertFalse(m, m.contains("StreamReadConstraints") || m.contains("`") || m.contains("()"));
        }
    }

    @Test
    public void ordersComeAsJsonOnly() throws Exception {
        OrderFlow.requireJson("application/json");
        OrderFlow.requireJson("Application/JSON; charset=UTF-8");
        OrderFlow.requireJson("application/vnd.conflux.order+json");
        for (String other : new String[] {"application/x-www-form-urlencoded", "text/plain", null, "", "multipart/form-data; boundary=x"}) {
            UnsupportedMediaTypeException e = assertThrows(UnsupportedMediaTypeException.class, () -> OrderFlow.requireJson(other));
            assertTrue(e.getMessage(), e.getMessage().endsWith("': send the order as application/json"));
        }
    }
}
