package dev.conflux.sample.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    @Test
    public void orderIdsThatAreNotSafeFileNamesAreRefusedNamingTheField() {
        String[] unsafe = {"../../x", "..\\..\\x", "/tmp/x", "a/b/c", "<script>", ".hidden", "..", "a\u0000b",
            "a\\u0000", "x\u0007", "\ud800", "a b", "\u00e9t\u00e9", "x".repeat(65), "x".repeat(5000), "C:x", "a%2fb"};
        for (String id : unsafe) {
            InvalidOrderException e = assertThrows(id, InvalidOrderException.class, () -> Order.from(Map.of(
                    "orderId", id, "customer", "ACME", "item", "bolt", "quantity", 1)));
            assertTrue(e.getMessage(), e.getMessage().contains("'orderId' must be 1 to 64 characters of A-Z, a-z, 0-9,"));
        }
        assertThrows(InvalidOrderException.class, () -> OrderFlow.fromJson(
                "{\"orderId\":\"ok\\u0000\",\"customer\":\"ACME\",\"item\":\"bolt\",\"quantity\":1}"));
        assertThrows(InvalidOrderException.class, () -> OrderFlow.fromJson(
                "{\"orderId\":[\"a\"],\"customer\":\"ACME\",\"item\":\"bolt\",\"quantity\":1}"));
    }

    @Test
    public void safeOrderIdsUpToTheLimitAreAccepted() throws Exception {
        for (String id : new String[] {"A-1", "order_2.v1", "x".repeat(64), "-", "a..b", " padded "}) {
            Order o = Order.from(Map.of("orderId", id, "customer", "ACME", "item", "bolt", "quantity", 1));
            assertEquals(id.trim(), o.orderId());
        }
    }

    @Test
    public void textWithControlCharactersOrUnpairedSurrogatesIsRefused() {
        for (String customer : new String[] {"AC\u0000ME", "ACME\u0000", "AC\ud800ME", "AC\udc00", "\u001b[31mred", "x".repeat(201)}) {
            InvalidOrderException e = assertThrows(customer, InvalidOrderException.class, () -> Order.from(Map.of(
                    "customer", customer, "item", "bolt", "quantity", 1)));
            assertTrue(e.getMessage(), e.getMessage().startsWith("Invalid order: 'customer' must "));
        }
        InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> OrderFlow.fromJson(
                "{\"customer\":\"AC\\ud800ME\",\"item\":{\"a\":1},\"quantity\":1}"));
        assertEquals("Invalid order: 'customer' must not contain control characters or unpaired surrogates;"
                + " 'item' must be a string", e.getMessage());
    }

    @Test
    public void wellFormedUnicodeAndSurroundingBlanksAreFine() throws Exception {
        Order o = Order.from(Map.of("customer", "\n  Caf\u00e9 \ud83d\ude00 \n", "item", "bolt", "quantity", 1));
        assertEquals("Caf\u00e9 \ud83d\ude00", o.customer());
    }

    @Test
    public void bodiesThatAreNotValidInTheirCharsetAreRefused() throws Exception {
        byte[] json = "{\"customer\":\"AC\u00c9ME\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"customer\":\"AC\u00c9ME\"}", OrderFlow.decode(json, "application/json"));
        assertEquals("{\"customer\":\"AC\u00c9ME\"}", OrderFlow.decode(json, null));
        byte[] latin1 = "{\"customer\":\"AC\u00c9ME\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("{\"customer\":\"AC\u00c9ME\"}", OrderFlow.decode(latin1, "application/json; charset=\"ISO-8859-1\""));
        for (byte[] bad : new byte[][] {{'{', (byte) 0xff, '}'}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}}) {
            InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> OrderFlow.decode(bad, "application/json; charset=utf-8"));
            assertTrue(e.getMessage(), e.getMessage().startsWith("Malformed body: it is not valid UTF-8 (at byte "));
        }
        InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> OrderFlow.decode(latin1, "application/json"));
        assertEquals("Malformed body: it is not valid UTF-8 (at byte 15)", e.getMessage());
    }
}
