package dev.enterpriseconnect.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one operation against one system. */
final class Samples {

    private final List<Long> nanos = new ArrayList<>();

    synchronized void add(long value) {
        nanos.add(value);
    }

    synchronized int count() {
        return nanos.size();
    }

    /** Sum of all samples: for throughput, count / total. */
    synchronized double totalSeconds() {
        return nanos.stream().mapToLong(Long::longValue).sum() / 1e9;
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    double p90Millis() {
        return percentileMillis(90);
    }

    /** Nearest-rank percentile. */
    synchronized double percentileMillis(int percent) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }
}
