package dev.enterpriseconnect.testbed;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL binaries (the newest {@code /usr/lib/postgresql/<version>/bin}) and the way the
 * tests' and benchmarks' clusters run them: as the {@code postgres} user when this JVM runs as root,
 * since PostgreSQL refuses to run as root. The clusters themselves (where, which settings, how long
 * they live) are the callers' business.
 */
public final class DebianPostgres {

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final boolean asPostgresUser;

    private DebianPostgres(Path bin, boolean asPostgresUser) {
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * @param installIfMissing install the package with apt-get when it is missing (as root only);
     *     otherwise a missing package is an error saying how to install it
     */
    public static DebianPostgres find(boolean installIfMissing) {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path bin = binDirectory().orElseGet(() -> {
            if (!installIfMissing || !root) {
                throw new IllegalStateException("PostgreSQL is not installed (no " + VERSIONS
                        + "/<version>/bin/initdb): run 'apt-get install -y postgresql' as root");
            }
            run(List.of("apt-get", "update"), false, null);
            run(List.of("apt-get", "install", "-y", "--no-install-recommends", "postgresql"), false, null);
            return binDirectory().orElseThrow(() -> new IllegalStateException("PostgreSQL installed, but no "
                    + VERSIONS + "/<version>/bin/initdb"));
        });
        return new DebianPostgres(bin, root);
    }

    /** A program of the package, e.g. {@code initdb} or {@code pg_ctl}. */
    public String tool(String name) {
        return bin.resolve(name).toString();
    }

    /** The package's major version, e.g. {@code 15}. */
    public String version() {
        return bin.getParent().getFileName().toString();
    }

    /** Whether the cluster's programs run as the {@code postgres} user (this JVM runs as root). */
    public boolean asPostgresUser() {
        return asPostgresUser;
    }

    /** Runs a program of the cluster's owner (see {@link #asPostgresUser()}); its output on success. */
    public String runAsOwner(List<String> command) {
        return run(command, asPostgresUser, null);
    }

    /**
     * Runs a command and waits for it (at most 30 minutes); a non-zero exit is an error carrying its output.
     *
     * @param stdin feeds the command's standard input (e.g. {@code COPY ... FROM STDIN}); null: none
     */
    public static String run(List<String> command, boolean asPostgresUser, Consumer<OutputStream> stdin) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            // Output to a file: a full pipe would block a chatty apt-get, and pg_ctl's server keeps none open.
            Path output = Files.createTempFile("debian-postgres", ".log");
            // A working directory every user may enter: the postgres user may not enter the checkout.
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).directory(new File("/"));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (OutputStream in = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
                    stdin.accept(in);
                }
            }
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + full);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(full + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
}
