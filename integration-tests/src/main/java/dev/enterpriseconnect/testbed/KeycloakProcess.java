package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution, started as a process with our bundle in {@code providers/}.
 * Used by the integration tests and by the demo run command alike.
 */
public final class KeycloakProcess implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Path home;
    private final int httpPort;
    private final Process process;
    private final Path log;
    /** The management interface's port ({@code /metrics}, {@code /health}), when {@link #start} chose it; else 0. */
    private int managementPort;

    private KeycloakProcess(Path home, int httpPort, Process process, Path log) {
        this.home = home;
        this.httpPort = httpPort;
        this.process = process;
        this.log = log;
    }

    /**
     * For the embedded H2 of {@code start-dev}: H2 keeps the last 8 statements a connection parsed
     * (QUERY_CACHE_SIZE) and parses any other again; a SCIM write uses 9 distinct ones, so on H2
     * every statement of it, Keycloak's own included, was parsed anew (12% of a create's time).
     */
    public static final String H2_QUERY_CACHE = "--db-url-properties=;QUERY_CACHE_SIZE=64";

    /**
     * Installs the bundle and starts {@code kc.sh start-dev} (on H2 with {@link #H2_QUERY_CACHE}).
     *
     * @param log where the server's output goes, or {@code null} to share this process's console
     */
    public static KeycloakProcess start(Path home, Path bundleJar, int httpPort, List<String> extraArgs, Path log) {
        int managementPort = freePort();
        List<String> arguments = new ArrayList<>(List.of("start-dev", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort));
        arguments.addAll(extraArgs);
        if (arguments.stream().noneMatch(a -> a.startsWith("--db-url") || (a.startsWith("--db=") && !a.equals("--db=dev-file")))) {
            arguments.add(H2_QUERY_CACHE);
        }
        KeycloakProcess keycloak = run(home, bundleJar, httpPort, arguments, Map.of(), log);
        keycloak.managementPort = managementPort;
        return keycloak;
    }

    /**
     * Installs the bundle and runs {@code kc.sh} with any arguments, e.g. {@code build} or
     * {@code start --optimized} for a clustered set-up.
     *
     * @param httpPort the port the arguments make it listen on (for {@link #baseUrl()}), or 0
     * @param environment further environment variables, e.g. {@code JAVA_OPTS_KC_HEAP}
     */
    public static KeycloakProcess run(Path home, Path bundleJar, int httpPort, List<String> arguments,
            Map<String, String> environment, Path log) {
        installBundle(home, bundleJar);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().putAll(environment);
        // Run Keycloak on the same JDK as the caller: the one on PATH or JAVA_HOME.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        try {
            Process process = builder.start();
            KeycloakProcess keycloak = new KeycloakProcess(home, httpPort, process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    public static Path homeFromSystemProperty() {
        return Path.of(required("keycloak.home"));
    }

    public static Path bundleFromSystemProperty() {
        return Path.of(required("bundle.jar"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + httpPort);
    }

    /** The management interface, e.g. {@code http://localhost:9123} ({@code /metrics} with metrics enabled). */
    public URI managementUrl() {
        if (managementPort == 0) {
            throw new IllegalStateException("This process was not started by start(); its management port is unknown");
        }
        return URI.create("http://localhost:" + managementPort);
    }

    public Path home() {
        return home;
    }

    /** The started kc.sh; the Keycloak JVM is it or one of its descendants (the benchmark reads its heap). */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Waits until the master realm answers; fails early, with the log's tail, if Keycloak exits. */
    public KeycloakProcess awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(baseUrl().resolve("/realms/master")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start within " + timeout + "\n" + logTail());
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logTail() {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void installBundle(Path home, Path bundleJar) {
        if (!Files.isRegularFile(bundleJar)) {
            throw new IllegalStateException("Bundle JAR not found: " + bundleJar + " (build it with ./mvnw package)");
        }
        Path providers = home.resolve("providers");
        try (Stream<Path> old = Files.list(providers)) {
            Path installed = providers.resolve(bundleJar.getFileName());
            if (Files.isRegularFile(installed) && Files.mismatch(installed, bundleJar) == -1) {
                // The same bytes as installed: keeping the file (and its time) spares Keycloak a rebuild.
                return;
            }
            for (Path jar : old.filter(p -> p.getFileName().toString().startsWith("enterprise-connect")).toList()) {
                Files.delete(jar);
            }
            // Keeping the JAR's time lets an optimized start accept a build made with this same JAR.
            Files.copy(bundleJar, providers.resolve(bundleJar.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set (run through Maven)");
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
