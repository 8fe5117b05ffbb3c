package dev.enterpriseconnect.scim.endpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The 429 of a caller whose failed credential checks are throttled, sent after a pause. A guesser
 * that ignores {@code Retry-After} and retries at once would otherwise make the server answer as
 * fast as it can send (1,500 refusals a second from 10 connections on two cores, every SCIM client
 * and login of the server slowed for it); paused, each of its connections gets one answer a
 * {@value #PAUSE_MILLIS} ms. The pause holds no request thread (the answer completes later), and at
 * most {@value #MAX_PAUSED} answers wait at once: beyond that, they are sent at once.
 */
public final class DelayedRefusal {

    static final long PAUSE_MILLIS = 1_000;
    static final int MAX_PAUSED = 1_000;

    private static final AtomicInteger PAUSED = new AtomicInteger();
    private static final Executor LATER = CompletableFuture.delayedExecutor(PAUSE_MILLIS, TimeUnit.MILLISECONDS);

    private final Response answer;

    DelayedRefusal(Response answer) {
        this.answer = answer;
    }

    @GET
    public CompletionStage<Response> get() {
        return answer();
    }

    @POST
    public CompletionStage<Response> post() {
        return answer();
    }

    @PUT
    public CompletionStage<Response> put() {
        return answer();
    }

    @PATCH
    public CompletionStage<Response> patch() {
        return answer();
    }

    @DELETE
    public CompletionStage<Response> delete() {
        return answer();
    }

    @GET
    @Path("{path:.*}")
    public CompletionStage<Response> getBelow() {
        return answer();
    }

    @POST
    @Path("{path:.*}")
    public CompletionStage<Response> postBelow() {
        return answer();
    }

    @PUT
    @Path("{path:.*}")
    public CompletionStage<Response> putBelow() {
        return answer();
    }

    @PATCH
    @Path("{path:.*}")
    public CompletionStage<Response> patchBelow() {
        return answer();
    }

    @DELETE
    @Path("{path:.*}")
    public CompletionStage<Response> deleteBelow() {
        return answer();
    }

    private CompletionStage<Response> answer() {
        if (PAUSED.incrementAndGet() > MAX_PAUSED) {
            PAUSED.decrementAndGet();
            return CompletableFuture.completedFuture(answer);
        }
        return CompletableFuture.supplyAsync(() -> {
            PAUSED.decrementAndGet();
            return answer;
        }, LATER);
    }
}
