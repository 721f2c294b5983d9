package dev.conflux.monitoring.api;

/**
 * The metric names and labels Conflux publishes (Micrometer names; Prometheus shows them with dots as underscores
 * and the unit and {@code _total} suffixes Micrometer adds). They are a contract: docs/monitoring.md lists them, and
 * the alert rules, docs/monitoring/prometheus-rules.yml and the Grafana dashboard are built on them. Every meter
 * also carries the common labels {@value #ENVIRONMENT} and {@value #NODE}. No label ever holds a message id or a
 * business key.
 */
public final class MetricNames {

    // Labels
    public static final String ENVIRONMENT = "environment";
    public static final String NODE = "node";
    public static final String FLOW = "flow";
    public static final String ROUTE = "route";
    public static final String QUEUE = "queue";
    public static final String ENDPOINT = "endpoint";
    public static final String OPERATION = "operation";
    public static final String METHOD = "method";
    public static final String STATUS = "status";
    public static final String CONNECTOR = "connector";
    public static final String TYPE = "type";
    public static final String STATE = "state";

    // Flows (from the flow runtime; per route from Camel's Micrometer route policy, labels flow and route)
    /** Counter, label flow: exchanges completed or failed. Prometheus: conflux_flow_exchanges_total. */
    public static final String FLOW_EXCHANGES = "conflux.flow.exchanges";
    /** Counter, label flow: exchanges that failed. Prometheus: conflux_flow_exchanges_failed_total. */
    public static final String FLOW_EXCHANGES_FAILED = "conflux.flow.exchanges.failed";
    /** Gauge, label flow: exchanges in flight. */
    public static final String FLOW_EXCHANGES_INFLIGHT = "conflux.flow.exchanges.inflight";
    /** Timer with histogram buckets, labels flow and route: processing time of an exchange. Prometheus: conflux_flow_processing_seconds_bucket/_count/_sum. */
    public static final String FLOW_PROCESSING = "conflux.flow.processing";
    /** Gauge, label flow: the time of the last exchange completed without failure, seconds since the epoch (0 if none). */
    public static final String FLOW_LAST_SUCCESS = "conflux.flow.last.success.timestamp";
    /** Gauge, labels flow and state (STARTED, STOPPED, FAILED): 1 for the flow's current state, 0 for the others. */
    public static final String FLOW_STATE = "conflux.flow.state";

    // Queues (application queues of the embedded broker; dead-letter queues are queues too)
    /** Gauge, label queue: messages in the queue. */
    public static final String QUEUE_MESSAGES = "conflux.queue.messages";
    /** Gauge, label queue: age of the oldest message, seconds (0 when empty). */
    public static final String QUEUE_OLDEST_AGE = "conflux.queue.oldest.message.age";
    /** Counters, label queue: messages added, acknowledged, expired, killed (dead-lettered) since the broker started. */
    public static final String QUEUE_ADDED = "conflux.queue.messages.added";
    public static final String QUEUE_ACKNOWLEDGED = "conflux.queue.messages.acknowledged";
    public static final String QUEUE_EXPIRED = "conflux.queue.messages.expired";
    public static final String QUEUE_KILLED = "conflux.queue.messages.killed";
    /** Gauge, label queue: consumers attached. */
    public static final String QUEUE_CONSUMERS = "conflux.queue.consumers";
    /** Gauge, label queue: 1 when paused. */
    public static final String QUEUE_PAUSED = "conflux.queue.paused";
    /** Gauge, label queue (a dead-letter queue): messages in it. */
    public static final String DEAD_LETTER_MESSAGES = "conflux.deadletter.messages";

    // Service endpoints (the service plane, 8182)
    /** Timer with histogram buckets, labels endpoint, operation, method, status (2xx, 3xx, 4xx, 5xx). */
    public static final String ENDPOINT_REQUESTS = "conflux.endpoint.requests";
    /** Distribution summaries, label endpoint: request and response body sizes, bytes. */
    public static final String ENDPOINT_REQUEST_SIZE = "conflux.endpoint.request.size";
    public static final String ENDPOINT_RESPONSE_SIZE = "conflux.endpoint.response.size";

    // Connector instances
    /** Gauge, labels connector and type: 1 when the last health check was UP, else 0. */
    public static final String CONNECTOR_UP = "conflux.connector.up";
    /** Gauge, label connector: seconds since the last successful health check (-1 when never). */
    public static final String CONNECTOR_SINCE_SUCCESS = "conflux.connector.seconds.since.success";
    /** Gauge, label connector: how long the last health check took, seconds. */
    public static final String CONNECTOR_CHECK_DURATION = "conflux.connector.check.duration";

    // The embedded broker
    public static final String BROKER_ADDRESS_MEMORY = "conflux.broker.address.memory.bytes";
    public static final String BROKER_ADDRESS_MEMORY_LIMIT = "conflux.broker.address.memory.limit.bytes";
    public static final String BROKER_DISK_USAGE = "conflux.broker.disk.usage.ratio";
    public static final String BROKER_JOURNAL_FREE = "conflux.broker.journal.free.bytes";
    public static final String BROKER_PAGING_ADDRESSES = "conflux.broker.paging.addresses";
    /** Gauge: 1 while the broker runs and its acceptors accept connections. */
    public static final String BROKER_UP = "conflux.broker.up";

    private MetricNames() {
    }
}
