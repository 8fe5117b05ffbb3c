package dev.enterpriseconnect.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pages through every user with our endpoint while watching Keycloak's heap: a list endpoint that
 * loads the whole realm per page, or keeps what it served, shows up here.
 */
final class AllUsersWalk {

    private static final double MIB = 1024.0 * 1024.0;

    /** Heap growth in MiB over the walk; the users seen against totalResults proves the walk was complete. */
    record HeapGrowth(int users, int totalResults, int pages, double seconds, double retainedMib, double peakMib) {
    }

    private AllUsersWalk() {
    }

    static HeapGrowth walk(ScimUsers ours, HeapProbe heap, int pageSize) {
        long before = heap.usedAfterGcBytes();
        long peak = before;
        int seen = 0;
        int total = Integer.MAX_VALUE;
        int pages = 0;
        long start = System.nanoTime();
        for (int startIndex = 1; startIndex <= total; startIndex += pageSize) {
            JsonNode page = ours.list(startIndex, pageSize).json();
            total = page.path("totalResults").asInt();
            int got = page.path("Resources").size();
            seen += got;
            pages++;
            if (got == 0) {
                break;
            }
            if (pages % 10 == 0) {
                peak = Math.max(peak, heap.usedBytes());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        peak = Math.max(peak, heap.usedBytes());
        long after = heap.usedAfterGcBytes();
        return new HeapGrowth(seen, total, pages, seconds, (after - before) / MIB, (peak - before) / MIB);
    }
}
