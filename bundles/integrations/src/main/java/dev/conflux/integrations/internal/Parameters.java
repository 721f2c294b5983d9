package dev.conflux.integrations.internal;

import dev.conflux.integrations.api.FieldProblem;
import dev.conflux.integrations.api.TemplateParameter;
import dev.conflux.integrations.api.TemplateParameter.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the values of a template's parameters against their types, and gives each value the form the flow gets
 * (an interval in milliseconds, a number without a sign or spaces). A value either fits its type exactly or is
 * refused with what is expected: nothing is "cleaned", so what the integrator typed is what runs. No type lets
 * through what would reach beyond the value's place in the flow: {@code {{ }}} (property placeholders), {@code ${}}
 * (expressions), or, outside free text, {@code & ? # %} (endpoint options), quotes and backslashes.
 */
final class Parameters {

    /** Never in any value: Camel's property placeholders and expressions. */
    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{|}}|\\$\\{|\\$simple\\{");
    /** Never in a value that is not free text: what would add endpoint options or break out of a URI. */
    private static final Pattern URI_BREAKING = Pattern.compile("[&?#%{}$\"'\\\\\\s<>|^`]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Pattern DEFAULT_STRING = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");
    private static final List<String> SYSTEM_QUEUES = List.of("DLQ.", "ExpiryQueue.", "conflux.", "activemq.");
    static final int TEXT_MAX = 500;

    private Parameters() {
    }

    /**
     * The values the flow gets, by parameter; every problem is added to {@code problems}, next to its field.
     *
     * @param offered the connector instances the requester may pick, by connector type
     */
    static Map<String, String> check(List<TemplateParameter> parameters, Map<String, String> given,
            Map<String, Set<String>> offered, List<FieldProblem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
                problems.add(new FieldProblem(name, "this template has no parameter '" + name + "'"));
            }
        }
        for (TemplateParameter p : parameters) {
            String value = given.get(p.name());
            if (value == null || value.isEmpty()) {
                value = p.defaultValue();
            }
            if (value == null || value.isEmpty()) {
                if (p.required()) {
                    problems.add(new FieldProblem(p.name(), p.label() + " is required"));
                } else {
                    values.put(p.name(), "");
                }
                continue;
            }
            List<String> found = new ArrayList<>();
            String checked = check(p, value, offered.getOrDefault(p.connectorType(), Set.of()), found);
            found.forEach(message -> problems.add(new FieldProblem(p.name(), message)));
            if (found.isEmpty()) {
                values.put(p.name(), checked);
            }
        }
        return values;
    }

    /** The value as the flow gets it, or null with what is wrong added to {@code problems}. */
    static String check(TemplateParameter p, String value, Set<String> offeredConnectors, List<String> problems) {
        if (EXPRESSION.matcher(value).find()) {
            problems.add("may not contain {{, }}, ${ or $simple{ (they would be read as part of the flow)");
            return null;
        }
        if (CONTROL.matcher(value).find()) {
            problems.add("may not contain control characters");
            return null;
        }
        if (p.type() != Type.TEXT && URI_BREAKING.matcher(value).find()) {
            Matcher m = URI_BREAKING.matcher(value);
            m.find();
            String c = m.group();
            problems.add("may not contain '" + (c.isBlank() ? "a space" : c) + "': " + expected(p));
            return null;
        }
        switch (p.type()) {
            case TEXT -> {
                if (value.length() > TEXT_MAX) {
                    problems.add("at most " + TEXT_MAX + " characters");
                    return null;
                }
                return matches(p, value, problems) ? value : null;
            }
            case STRING -> {
                Pattern pattern = p.pattern() == null ? DEFAULT_STRING : Pattern.compile(p.pattern());
                if (!pattern.matcher(value).matches()) {
                    problems.add(expected(p));
                    return null;
                }
                return value;
            }
            case PATH -> {
                if (!PATH.matcher(value).matches() || value.equals("..") || value.startsWith("../")
                        || value.contains("/../") || value.endsWith("/..")) {
                    problems.add(expected(p));
                    return null;
                }
                return matches(p, value, problems) ? value : null;
            }
            case QUEUE -> {
                if (!QUEUE.matcher(value).matches()) {
                    problems.add(expected(p));
                    return null;
                }
                for (String system : SYSTEM_QUEUES) {
                    if (value.startsWith(system) || value.equals(system.substring(0, system.length() - 1))) {
                        problems.add("queues starting with " + system + " belong to the system");
                        return null;
                    }
                }
                return matches(p, value, problems) ? value : null;
            }
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    problems.add(expected(p));
                    return null;
                }
                return value;
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    problems.add(expected(p));
                    return null;
                }
                return value;
            }
            case ENUM -> {
                if (!p.values().contains(value)) {
                    problems.add(expected(p));
                    return null;
                }
                return value;
            }
            case NUMBER -> {
                if (!NUMBER.matcher(value).matches()) {
                    problems.add(expected(p));
                    return null;
                }
                BigDecimal n = new BigDecimal(value);
                if (p.min() != null && n.compareTo(new BigDecimal(p.min())) < 0
                        || p.max() != null && n.compareTo(new BigDecimal(p.max())) > 0) {
                    problems.add(expected(p));
                    return null;
                }
                return n.toPlainString();
            }
            case INTERVAL -> {
                Long millis = millis(value);
                if (millis == null || millis <= 0) {
                    problems.add(expected(p));
                    return null;
                }
                if (p.min() != null && millis < millis(p.min()) || p.max() != null && millis > millis(p.max())) {
                    problems.add(expected(p));
                    return null;
                }
                return Long.toString(millis);
            }
            case CONNECTOR -> {
                if (!offeredConnectors.contains(value)) {
                    problems.add(offeredConnectors.isEmpty()
                            ? "no " + p.connectorType() + " connector instance is published to integrators here; ask IT to publish one"
                            : "'" + value + "' is not one of the " + p.connectorType() + " connections offered: "
                                    + String.join(", ", new java.util.TreeSet<>(offeredConnectors)));
                    return null;
                }
                return value;
            }
            default -> throw new IllegalStateException("unhandled type " + p.type());
        }
    }

    private static boolean matches(TemplateParameter p, String value, List<String> problems) {
        if (p.pattern() != null && !Pattern.compile(p.pattern()).matcher(value).matches()) {
            problems.add(expected(p));
            return false;
        }
        return true;
    }

    /** 500ms, 30s, 5m, 2h in milliseconds; null when it is not such a duration. */
    static Long millis(String value) {
        Matcher m = INTERVAL.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
    }

    /** What a value of the parameter must look like, in plain words. */
    static String expected(TemplateParameter p) {
        String range = (p.min() != null ? " from " + p.min() : "") + (p.max() != null ? " up to " + p.max() : "");
        return switch (p.type()) {
            case STRING -> p.pattern() == null ? "letters, digits, '.', '_' and '-' (up to 100)"
                    : "must match " + p.pattern();
            case TEXT -> p.pattern() == null ? "text" : "text matching " + p.pattern();
            case PATH -> "a relative path: letters, digits, '.', '_', '-' and '/', without '..'";
            case QUEUE -> "a queue name: a letter, then letters, digits, '.', '_' or '-'";
            case EMAIL -> "an e-mail address (name@example.com; letters, digits, '.', '_', '-' before the @)";
            case BOOLEAN -> "true or false";
            case ENUM -> "one of " + String.join(", ", p.values());
            case NUMBER -> "a number" + range;
            case INTERVAL -> "a duration such as 30s, 5m or 2h" + range;
            case CONNECTOR -> "a " + p.connectorType() + " connection";
        };
    }
}
