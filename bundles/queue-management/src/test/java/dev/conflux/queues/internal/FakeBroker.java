package dev.conflux.queues.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** An in-memory broker: queues of messages shaped as the broker's management browses them. */
final class FakeBroker implements Broker {

    record Sent(String address, Map<String, String> properties, String body) {
    }

    final Map<String, String> addressOf = new TreeMap<>();
    final Map<String, List<Map<String, Object>>> messages = new TreeMap<>();
    final Set<String> paused = new TreeSet<>();
    final Set<String> deadLetterAddresses = new TreeSet<>(Set.of("DLQ"));
    final List<Sent> sent = new ArrayList<>();
    final List<Integer> browsedPages = new ArrayList<>();
    private long nextId = 1;
    /** When the last message was put back on its queue (where a flow may take it at once). */
    Instant retriedAt;

    void queue(String name, String address) {
        addressOf.put(name, address);
        messages.putIfAbsent(name, new ArrayList<>());
    }

    /** Adds a text message; returns its id. */
    long add(String queue, String text, Map<String, Object> properties) {
        long id = nextId++;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageID", id);
        m.put("userID", "ID:" + id);
        m.put("type", 3);
        m.put("durable", true);
        m.put("timestamp", 1_700_000_000_000L + id);
        m.put("text", text);
        m.put("StringProperties", new LinkedHashMap<>(properties));
        messages.get(queue).add(m);
        return id;
    }

    /** A dead letter of {@code original} on DLQ.original, as the broker moves it there. */
    long deadLetter(String original, String text) {
        queue("DLQ." + original, "DLQ");
        return add("DLQ." + original, text, Map.of("_AMQ_ORIG_QUEUE", original, "_AMQ_ORIG_ADDRESS", original));
    }

    private List<Map<String, Object>> on(String queue) {
        List<Map<String, Object>> list = messages.get(queue);
        if (list == null) {
            throw new IllegalArgumentException("No queue named '" + queue + "'");
        }
        return list;
    }

    @Override
    public Map<String, QueueInfo> queues() {
        Map<String, QueueInfo> all = new TreeMap<>();
        for (String q : messages.keySet()) {
            all.put(q, queue(q));
        }
        return all;
    }

    @Override
    public QueueInfo queue(String name) {
        List<Map<String, Object>> list = on(name);
        return new QueueInfo(name, addressOf.get(name), "ANYCAST", list.size(), 0, list.size(), 0,
                list.isEmpty() ? null : 1000L, paused.contains(name), false, false);
    }

    @Override
    public Map<String, QueueInfo> queuesOn(Set<String> addresses) {
        Map<String, QueueInfo> on = new TreeMap<>();
        queues().values().stream().filter(q -> addresses.contains(q.address())).forEach(q -> on.put(q.name(), q));
        return on;
    }

    @Override
    public Set<String> deadLetterAddresses() {
        return deadLetterAddresses;
    }

    @Override
    public List<Map<String, Object>> browse(String queue, int page, int pageSize) {
        browsedPages.add(page);
        List<Map<String, Object>> list = on(queue);
        int from = Math.min((page - 1) * pageSize, list.size());
        return new ArrayList<>(list.subList(from, Math.min(from + pageSize, list.size())));
    }

    @Override
    public void pause(String queue) {
        on(queue);
        paused.add(queue);
    }

    @Override
    public void resume(String queue) {
        on(queue);
        paused.remove(queue);
    }

    private Map<String, Object> take(String queue, long id) {
        for (var it = on(queue).iterator(); it.hasNext(); ) {
            Map<String, Object> m = it.next();
            if (((Number) m.get("messageID")).longValue() == id) {
                it.remove();
                return m;
            }
        }
        return null;
    }

    @Override
    public boolean moveMessage(String queue, long id, String targetQueue) {
        Map<String, Object> m = take(queue, id);
        if (m != null) {
            on(targetQueue).add(m);
        }
        return m != null;
    }

    @Override
    public int moveMessages(String queue, String targetQueue) {
        int n = on(queue).size();
        on(targetQueue).addAll(on(queue));
        on(queue).clear();
        return n;
    }

    @Override
    public boolean removeMessage(String queue, long id) {
        return take(queue, id) != null;
    }

    @Override
    public int removeAllMessages(String queue) {
        int n = on(queue).size();
        on(queue).clear();
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean retryMessage(String queue, long id) {
        Map<String, Object> m = take(queue, id);
        if (m != null) {
            retriedAt = Instant.now();
            on((String) ((Map<String, Object>) m.get("StringProperties")).get("_AMQ_ORIG_QUEUE")).add(m);
        }
        return m != null;
    }

    @Override
    public int retryMessages(String queue) {
        int n = 0;
        for (Map<String, Object> m : new ArrayList<>(on(queue))) {
            n += retryMessage(queue, ((Number) m.get("messageID")).longValue()) ? 1 : 0;
        }
        return n;
    }

    @Override
    public String send(String address, Map<String, String> properties, String body) {
        sent.add(new Sent(address, properties, body));
        return String.valueOf(add(address, body, Map.copyOf(properties)));
    }
}
