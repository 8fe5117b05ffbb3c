package dev.enterpriseconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * A throw-away PostgreSQL from Debian's package, in a directory of its own, on a free port, for
 * tests that need a database shared by several Keycloak nodes. Installs the package when it is
 * missing (as root, with apt-get); runs the server as the {@code postgres} user when the build runs
 * as root, since PostgreSQL refuses to run as root. Trust authentication on 127.0.0.1 only.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "keycloak";

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * @param preferred where the cluster lives when this JVM's user runs it; as root, PostgreSQL runs as
     *     {@code postgres}, which may not traverse the checkout (a clone under a 0700 temp directory),
     *     so the cluster then lives in a fresh directory under the system temp directory instead
     */
    static LocalPostgres start(Path preferred) {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = root ? Files.createTempDirectory("ec-postgres") : preferred;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path bin = binDirectory().orElseGet(() -> {
            install(root);
            return binDirectory().orElseThrow(() -> new IllegalStateException("PostgreSQL installed, but no "
                    + VERSIONS + "/<version>/bin/initdb"));
        });
        deleteRecursively(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
        }
        LocalPostgres postgres = new LocalPostgres(bin, dir, KeycloakProcess.freePort(), root);
        postgres.runAsOwner(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--no-sync"));
        postgres.runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + postgres.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                "-w", "stop"));
        if (asPostgresUser) {
            deleteRecursively(dir);
        }
    }

    private void runAsOwner(List<String> command) {
        run(command, asPostgresUser);
    }

    private static Optional<Path> binDirectory() {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> parseVersion(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int parseVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void install(boolean root) {
        if (!root) {
            throw new IllegalStateException("PostgreSQL is not installed: run 'apt-get install -y postgresql' as root");
        }
        run(List.of("apt-get", "update"), false);
        run(List.of("apt-get", "install", "-y", "--no-install-recommends", "postgresql"), false);
    }

    private static void run(List<String> command, boolean asPostgresUser) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            // Output to a file: a full pipe would block a chatty apt-get, and pg_ctl's server keeps none open.
            Path output = Files.createTempFile("local-postgres", ".log");
            // A working directory every user may enter: the postgres user may not enter the checkout.
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).directory(new java.io.File("/"));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + full);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(full + " exited with " + process.exitValue() + ":\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
