package dev.conflux.apiusage.api;

/**
 * Takes the calls to published operations (the service plane tells it each one). Recording never blocks nor fails
 * a call: it adds to counters in memory, which are written to the store in the background.
 */
public interface ApiUsageRecorder {

    void record(ApiCall call);
}
