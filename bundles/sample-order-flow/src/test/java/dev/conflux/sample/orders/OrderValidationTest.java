package dev.conflux.sample.orders;

import static org.junit.Assert.assertEquals;
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
}
