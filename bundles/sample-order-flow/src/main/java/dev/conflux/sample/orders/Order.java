package dev.conflux.sample.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An order as the sample accepts it over REST (JSON) or SOAP. */
public record Order(String orderId, String customer, String item, int quantity) {

    /** Builds an order from loosely typed fields, reporting every problem at once. */
    static Order from(Map<String, ?> fields) throws InvalidOrderException {
        List<String> problems = new ArrayList<>();
        String customer = text(fields.get("customer"));
        String item = text(fields.get("item"));
        if (customer == null) {
            problems.add("'customer' is required");
        }
        if (item == null) {
            problems.add("'item' is required");
        }
        int quantity = 0;
        Object q = fields.get("quantity");
        if (q == null || text(q) == null) {
            problems.add("'quantity' is required");
        } else {
            try {
                quantity = q instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.parseInt(text(q));
                if (quantity <= 0) {
                    problems.add("'quantity' must be a positive integer, got " + q);
                }
            } catch (NumberFormatException e) {
                problems.add("'quantity' must be a positive integer, got '" + q + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidOrderException("Invalid order: " + String.join("; ", problems));
        }
        String id = text(fields.get("orderId"));
        return new Order(id != null ? id : UUID.randomUUID().toString(), customer, item, quantity);
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
