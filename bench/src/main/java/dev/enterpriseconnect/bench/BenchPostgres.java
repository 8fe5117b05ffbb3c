package dev.enterpriseconnect.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.enterpriseconnect.testbed.DebianPostgres;
import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * The benchmarks' PostgreSQL ({@code -Dbench.db=postgres}): Debian's PostgreSQL from
 * {@code /usr/lib/postgresql/<version>/bin}, as the integration tests' {@code LocalPostgres} starts it, but
 * with its cluster kept in {@code bench/target/postgres} between runs (as the H2 file is), so users seeded
 * once are reused. Run as the {@code postgres} user when the build runs as root (PostgreSQL refuses root).
 * Trust authentication on 127.0.0.1 only, {@code fsync=off}: a benchmark database, nothing else.
 */
final class BenchPostgres implements AutoCloseable {

    static final String USER = "keycloak";
    static final String DATABASE = "postgres";
    private static final Path PSQL = Path.of("/usr/bin/psql");
    /**
     * {@code -Dbench.pgStatements=true}: pg_stat_statements on; when the server stops, the statements by calls
     * and by total time go to {@code bench/target/postgres/statements.txt} (where a request's time goes).
     */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.pgStatements");

    private final DebianPostgres postgres;
    private final Path dir;
    private final int port;
    private boolean running;

    private BenchPostgres(DebianPostgres postgres, Path dir, int port) {
        this.postgres = postgres;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts the cluster in {@code dir} (created by initdb on first use, reused afterwards).
     *
     * @param fresh delete an existing cluster first
     */
    static BenchPostgres start(Path dir, boolean fresh) {
        BenchPostgres postgres = new BenchPostgres(DebianPostgres.find(false), dir.toAbsolutePath(),
                KeycloakProcess.freePort());
        postgres.startServer(fresh);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        return postgres;
    }

    private void startServer(boolean fresh) {
        long started = System.nanoTime();
        Path data = dir.resolve("data");
        try {
            if (fresh) {
                Directories.delete(dir);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (postgres.asPostgresUser()) {
            // The postgres user must own the cluster and may have to traverse up to it.
            DebianPostgres.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false, null);
        }
        boolean created = false;
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Directories.delete(data);
            runAsOwner(List.of(postgres.tool("initdb"), "-D", data.toString(), "-U", USER, "--auth=trust",
                    "--encoding=UTF8", "--no-sync"));
            created = true;
        } else if (Files.exists(data.resolve("postmaster.pid"))) {
            // A run that was killed left its server running (or its pid file): stop it, ignore if none.
            try {
                runAsOwner(List.of(postgres.tool("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w",
                        "stop"));
            } catch (IllegalStateException notRunning) {
                // stale pid file: pg_ctl start copes with it
            }
        }
        // Two Keycloak nodes with their pools, psql and the seeding: more than the default 100 connections.
        runAsOwner(List.of(postgres.tool("pg_ctl"), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "120", "-o", "-p " + port + " -k " + dir
                        + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400"
                        + " -c shared_buffers=256MB -c maintenance_work_mem=256MB"
                        // Statements over a second go to server.log: where a slow request spends its time.
                        + " -c log_min_duration_statement=1000" + (STATEMENTS
                                ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
                                : ""),
                "start"));
        running = true;
        if (STATEMENTS) {
            sql("create extension if not exists pg_stat_statements");
            value("select pg_stat_statements_reset()");
        }
        System.out.printf("PostgreSQL %s up in %.1f s on port %d (%s, %s), log: %s%n", postgres.version(),
                (System.nanoTime() - started) / 1e9, port, dir, created ? "new cluster" : "existing cluster",
                dir.resolve("server.log"));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Keycloak's options for this database (with {@code start-dev} or {@code build}/{@code start}). */
    List<String> keycloakArgs() {
        return List.of("--db=postgres", "--db-url=" + jdbcUrl(), "--db-username=" + USER, "--db-password=unused");
    }

    String version() {
        return postgres.version();
    }

    /** Runs SQL with psql; {@code -v ON_ERROR_STOP=1}, so any failing statement fails the call. */
    String sql(String sql) {
        return psql(List.of("-c", sql), null);
    }

    /** One value (first column of the first row) of a query. */
    String value(String query) {
        return psql(List.of("-A", "-t", "-c", query), null).trim();
    }

    /**
     * Runs a script with psql, feeding its standard input from {@code stdin} (for {@code COPY ... FROM STDIN}).
     */
    String script(List<String> statements, Consumer<OutputStream> stdin) {
        // psql runs the -c commands in order, in one session; COPY FROM STDIN in a -c reads psql's standard input.
        List<String> arguments = new ArrayList<>();
        statements.forEach(statement -> {
            arguments.add("-c");
            arguments.add(statement);
        });
        return psql(arguments, stdin);
    }

    private String psql(List<String> arguments, Consumer<OutputStream> stdin) {
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", DATABASE));
        command.addAll(arguments);
        return DebianPostgres.run(command, false, stdin);
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (STATEMENTS) {
            try {
                String columns = "select calls, round(total_exec_time::numeric, 1) as total_ms, rows,"
                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 240) as query from pg_stat_statements";
                Files.writeString(dir.resolve("statements.txt"), "By calls:\n"
                        + sql(columns + " order by calls desc limit 30") + "\nBy total time:\n"
                        + sql(columns + " order by total_exec_time desc limit 30"));
                System.out.println("Statements: " + dir.resolve("statements.txt"));
            } catch (IOException | RuntimeException e) {
                System.out.println("Statements not written: " + e.getMessage());
            }
        }
        try {
            runAsOwner(List.of(postgres.tool("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "fast",
                    "-w", "stop"));
            System.out.println("PostgreSQL stopped");
        } catch (RuntimeException e) {
            System.out.println("PostgreSQL stop failed: " + e.getMessage());
        }
    }

    private void runAsOwner(List<String> command) {
        postgres.runAsOwner(command);
    }
}
