package dev.conflux.sample.orders;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An order as the sample accepts it over REST (JSON) or SOAP. An order is accepted only if the flow can always
 * process it: its id becomes a file name, so it must be a safe one, and no text field may hold characters that
 * cannot be written (control characters, unpaired surrogates).
 */
public record Order(String orderId, String customer, String item, int quantity) {

    /** Longest order id; ids are file names in the outbox. */
    static final int MAX_ORDER_ID = 64;
    /** Longest customer or item. */
    static final int MAX_TEXT = 200;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_ORDER_ID - 1) + "}");

    /** Builds an order from loosely typed fields, reporting every problem at once. */
    static Order from(Map<String, ?> fields) throws InvalidOrderException {
        List<String> problems = new ArrayList<>();
        String customer = text(fields.get("customer"), "customer", MAX_TEXT, problems);
        String item = text(fields.get("item"), "item", MAX_TEXT, problems);
        int quantity = 0;
        Object q = fields.get("quantity");
        if (q == null || text(q) == null) {
            problems.add("'quantity' is required");
        } else {
            try {
                quantity = q instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.parseInt(text(q));
                if (quantity <= 0) {
                    problems.add("'quantity' must be a positive integer, got " + shown(q));
                }
            } catch (NumberFormatException e) {
                problems.add("'quantity' must be a positive integer, got '" + shown(q) + "'");
            }
        }
        String id = orderId(fields.get("orderId"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidOrderException("Invalid order: " + String.join("; ", problems));
        }
        return new Order(id != null ? id : UUID.randomUUID().toString(), customer, item, quantity);
    }

    /** The order id, if given: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not starting with a dot. */
    private static String orderId(Object value, List<String> problems) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            problems.add("'orderId' must be a string");
            return null;
        }
        String id = text(value);
        if (id != null && (!SAFE_ID.matcher(id).matches() || !id.equals(value.toString().strip()))) {
            problems.add("'orderId' must be 1 to " + MAX_ORDER_ID + " characters of A-Z, a-z, 0-9, '.', '_' and '-',"
                    + " not starting with '.'");
        }
        return id;
    }

    /**
     * A required text field: a string of at most {@code max} characters without control characters or unpaired
     * surrogates (a NUL or control character at either end counts too; surrounding blanks are trimmed).
     */
    private static String text(Object value, String field, int max, List<String> problems) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            problems.add("'" + field + "' must be a string");
            return null;
        }
        String s = text(value);
        if (s == null) {
            problems.add("'" + field + "' is required");
        } else if (s.length() > max) {
            problems.add("'" + field + "' must be at most " + max + " characters, got " + s.length());
        } else if (!writable(value.toString().strip())) {
            problems.add("'" + field + "' must not contain control characters or unpaired surrogates");
        }
        return s;
    }

    static boolean writable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A client's value as it may be shown back: short and printable. */
    private static String shown(Object value) {
        String s = String.valueOf(value);
        s = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return writable(s) ? s : "a value with control characters";
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
