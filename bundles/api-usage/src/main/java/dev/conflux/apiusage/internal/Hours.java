package dev.conflux.apiusage.internal;

/** Hour arithmetic on epoch milliseconds (UTC hours, as the roll-ups are kept). */
final class Hours {

    static final long HOUR = 3_600_000;

    private Hours() {
    }

    static long hourOf(long millis) {
        return millis - Math.floorMod(millis, HOUR);
    }
}
