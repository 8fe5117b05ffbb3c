package dev.enterpriseconnect.scim.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.keycloak.models.KeycloakSessionFactory;

/**
 * The log rows of reads answered without an error, written by one background thread in batches
 * instead of in the read's own transaction. A read changes nothing, so there is nothing its row
 * must commit with, and its answer no longer waits for an INSERT and a commit (an IdP's lookup
 * before each create, every page of an import). Reading the log writes what this node holds
 * first, so a read's row is listed as soon as its answer is out; another node's rows follow within
 * {@link #INTERVAL_MILLIS}. A node that stops writes what it holds.
 */
final class ReadRowWriter {

    static final long INTERVAL_MILLIS = 250;
    /** Rows held at most; past that a read writes its row itself (nothing is dropped). */
    private static final int CAPACITY = 10_000;
    /** Rows per transaction. */
    private static final int BATCH = 500;

    private static volatile ReadRowWriter running;

    private final KeycloakSessionFactory sessions;
    private final BlockingQueue<ProvisioningLogEntity> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread writer = new Thread(work, "enterprise-connect-log-writer");
        writer.setDaemon(true);
        return writer;
    });

    private ReadRowWriter(KeycloakSessionFactory sessions) {
        this.sessions = sessions;
        thread.scheduleWithFixedDelay(this::writeHeld, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    static synchronized void start(KeycloakSessionFactory sessions) {
        stop();
        running = new ReadRowWriter(sessions);
    }

    static synchronized void stop() {
        ReadRowWriter writer = running;
        running = null;
        if (writer != null) {
            writer.thread.shutdown();
            try {
                writer.thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer.writeHeld();
        }
    }

    /** Hands the row over; false when it must be written by the caller (no writer, or the writer is full). */
    static boolean hold(ProvisioningLogEntity row) {
        ReadRowWriter writer = running;
        return writer != null && writer.pending.offer(row);
    }

    /** Writes the rows this node holds, now: before the log is read. */
    static void writeHeldRows() {
        ReadRowWriter writer = running;
        if (writer != null) {
            writer.writeHeld();
        }
    }

    // Synchronized: a log read must wait for a batch the timer has taken but not yet committed,
    // or it would list the log without those rows.
    private synchronized void writeHeld() {
        List<ProvisioningLogEntity> batch = new ArrayList<>(BATCH);
        while (pending.drainTo(batch, BATCH) > 0) {
            ProvisioningLog.writeApart(sessions, List.copyOf(batch));
            batch.clear();
        }
    }
}
