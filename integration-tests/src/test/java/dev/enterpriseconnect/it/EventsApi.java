package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.testbed.AdminApi;

/** A realm's directory events as the events API pages them (what a polling application sees). */
final class EventsApi {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final AdminApi admin;
    private final String realm;

    EventsApi(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /** Every event of the realm so far, in order. */
    List<JsonNode> all() {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode page = admin.expect(200, admin.get("/admin/realms/" + realm
                    + "/enterprise-webhooks/events?limit=100&after=" + cursor));
            page.get("events").forEach(all::add);
            if (!page.get("hasMore").asBoolean()) {
                return all;
            }
            cursor = page.get("next").asText();
        }
    }

    /** The events of one resource, in order. */
    List<JsonNode> of(String resourceId) {
        return all().stream().filter(e -> e.at("/resource/id").asText().equals(resourceId)).toList();
    }

    /** Waits until the realm's events hold one that {@code last} accepts; returns all of them then. */
    List<JsonNode> awaitUntil(Predicate<JsonNode> last, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> all = List.of();
        while (System.nanoTime() < deadline) {
            all = all();
            if (all.stream().anyMatch(last)) {
                return all;
            }
            pause();
        }
        fail("never listed: " + what + "; events: " + all);
        return all;
    }

    static Predicate<JsonNode> event(String type, String resourceId) {
        return e -> e.get("type").asText().equals(type) && e.at("/resource/id").asText().equals(resourceId);
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
