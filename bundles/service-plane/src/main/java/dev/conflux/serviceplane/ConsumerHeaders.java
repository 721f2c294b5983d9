package dev.conflux.serviceplane;

import dev.conflux.serviceplane.auth.Consumer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the servlets (and so the flows) see of an admitted request, and what goes back out: the consumer's name in
 * {@value #CONSUMER} (a client-sent header or parameter of that name is never seen), no credentials
 * ({@code Authorization}, {@value #API_KEY}) once they were checked, and no {@value #CONSUMER} header in the
 * response.
 */
final class ConsumerHeaders {

    /** The header (and so the Camel header) naming the authenticated consumer. */
    static final String CONSUMER = "ConfluxConsumer";
    static final String API_KEY = "X-API-Key";

    private ConsumerHeaders() {
    }

    static final class Request extends HttpServletRequestWrapper {

        private final String consumer;

        /** @param consumer null for an open endpoint (then credentials are passed on untouched: none were checked) */
        Request(HttpServletRequest request, Consumer consumer) {
            super(request);
            this.consumer = consumer == null ? null : consumer.name();
        }

        private boolean hidden(String name) {
            return name.equalsIgnoreCase(CONSUMER) || consumer != null
                    && (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase(API_KEY));
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase(CONSUMER)) {
                return consumer;
            }
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (name.equalsIgnoreCase(CONSUMER)) {
                return Collections.enumeration(consumer == null ? List.of() : List.of(consumer));
            }
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
                String name = e.nextElement();
                if (!hidden(name)) {
                    names.add(name);
                }
            }
            if (consumer != null) {
                names.add(CONSUMER);
            }
            return Collections.enumeration(names);
        }

        @Override
        public String getParameter(String name) {
            return name.equalsIgnoreCase(CONSUMER) ? null : super.getParameter(name);
        }

        @Override
        public String[] getParameterValues(String name) {
            return name.equalsIgnoreCase(CONSUMER) ? null : super.getParameterValues(name);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new LinkedHashMap<>(super.getParameterMap());
            map.keySet().removeIf(k -> k.equalsIgnoreCase(CONSUMER));
            return Collections.unmodifiableMap(map);
        }
    }

    static final class Response extends HttpServletResponseWrapper {

        Response(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!name.equalsIgnoreCase(CONSUMER)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!name.equalsIgnoreCase(CONSUMER)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!name.equalsIgnoreCase(CONSUMER)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!name.equalsIgnoreCase(CONSUMER)) {
                super.addIntHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long value) {
            if (!name.equalsIgnoreCase(CONSUMER)) {
                super.setDateHeader(name, value);
            }
        }

        @Override
        public void addDateHeader(String name, long value) {
            if (!name.equalsIgnoreCase(CONSUMER)) {
                super.addDateHeader(name, value);
            }
        }
    }
}
