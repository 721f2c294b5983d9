package dev.conflux.apiusage.internal;

/** What usage is counted per: an operation of an endpoint, called by a consumer. */
record Key(String endpoint, String operation, String consumer) {
}
