package dev.enterpriseconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.enterpriseconnect.testbed.DebianPostgres;
import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * A throw-away PostgreSQL from Debian's package, in a directory of its own, on a free port, for
 * tests that need a database shared by several Keycloak nodes. Installs the package when it is
 * missing (as root, with apt-get). Trust authentication on 127.0.0.1 only.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "keycloak";

    private final DebianPostgres postgres;
    private final Path dir;
    private final int port;

    private LocalPostgres(DebianPostgres postgres, Path dir, int port) {
        this.postgres = postgres;
        this.dir = dir;
        this.port = port;
    }

    /**
     * @param preferred where the cluster lives when this JVM's user runs it; as root, PostgreSQL runs as
     *     {@code postgres}, which may not traverse the checkout (a clone under a 0700 temp directory),
     *     so the cluster then lives in a fresh directory under the system temp directory instead
     */
    static LocalPostgres start(Path preferred) {
        DebianPostgres postgres = DebianPostgres.find(true);
        Path dir;
        try {
            dir = postgres.asPostgresUser() ? Files.createTempDirectory("ec-postgres") : preferred;
            Directories.delete(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (postgres.asPostgresUser()) {
            DebianPostgres.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false, null);
        }
        LocalPostgres local = new LocalPostgres(postgres, dir, KeycloakProcess.freePort());
        postgres.runAsOwner(List.of(postgres.tool("initdb"), "-D", dir.resolve("data").toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--no-sync"));
        postgres.runAsOwner(List.of(postgres.tool("pg_ctl"), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + local.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        return local;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        postgres.runAsOwner(List.of(postgres.tool("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "immediate",
                "-w", "stop"));
        if (postgres.asPostgresUser()) {
            Directories.delete(dir);
        }
    }
}
