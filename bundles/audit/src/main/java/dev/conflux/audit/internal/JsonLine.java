package dev.conflux.audit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit file's line format: one flat JSON object whose values are strings, numbers, null or arrays of
 * strings. Small on purpose, so that the audit bundle depends on nothing.
 */
final class JsonLine {

    private JsonLine() {
    }

    static String write(Map<String, Object> fields) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (s.length() > 1) {
                s.append(',');
            }
            string(s, f.getKey()).append(':');
            Object v = f.getValue();
            if (v == null) {
                s.append("null");
            } else if (v instanceof Number) {
                s.append(v);
            } else if (v instanceof List<?> list) {
                s.append('[');
                for (int i = 0; i < list.size(); i++) {
                    string(i > 0 ? s.append(',') : s, String.valueOf(list.get(i)));
                }
                s.append(']');
            } else {
                string(s, v.toString());
            }
        }
        return s.append('}').toString();
    }

    private static StringBuilder string(StringBuilder s, String v) {
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"');
    }

    static Map<String, Object> read(String line) {
        Parser p = new Parser(line);
        Map<String, Object> fields = p.object();
        p.skip();
        if (p.i != line.length()) {
            throw p.error("trailing characters");
        }
        return fields;
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            skip();
            if (peek() == '}') {
                i++;
                return m;
            }
            do {
                skip();
                String key = string();
                skip();
                expect(':');
                skip();
                m.put(key, value());
                skip();
            } while (accept(','));
            expect('}');
            return m;
        }

        Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                i++;
                List<String> list = new ArrayList<>();
                skip();
                if (accept(']')) {
                    return list;
                }
                do {
                    skip();
                    list.add(string());
                    skip();
                } while (accept(','));
                expect(']');
                return list;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "-+.0123456789eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected '" + c + "'");
            }
            return Long.parseLong(s.substring(start, i));
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        char peek() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(i);
        }

        boolean accept(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at column " + (i + 1));
        }
    }
}
