package dev.enterpriseconnect.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.enterpriseconnect.testbed.DemoServer;
import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * The demo as {@code ./mvnw -Pdemo package} starts it ({@link DemoServer#start}), once per test run, for
 * the test classes that ask for a {@link DemoServer}: on a copy of the distribution with a fresh database,
 * on free ports, under {@code target/demo-run/}, which stands for a checkout's root (the demo's
 * {@code demo.env} is in its {@code integration-tests/target/}).
 */
public final class RunningDemo implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningDemo.class);

    /** The directory standing for a checkout's root. */
    static Path root() {
        return KeycloakProcess.homeFromSystemProperty().getParent().resolve("demo-run");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        demo(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == DemoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return demo(extension);
    }

    private static DemoServer demo(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("demo", key -> start(), DemoServer.class);
    }

    private static DemoServer start() {
        try {
            Path root = root();
            Directories.delete(root);
            Path target = root.resolve("integration-tests/target");
            Files.createDirectories(target);
            Path home = target.resolve(KeycloakProcess.homeFromSystemProperty().getFileName());
            Process copy = new ProcessBuilder("cp", "-a", KeycloakProcess.homeFromSystemProperty().toString(),
                    home.toString()).inheritIO().start();
            if (!copy.waitFor(5, TimeUnit.MINUTES) || copy.exitValue() != 0) {
                throw new IllegalStateException("Cannot copy the distribution to " + home);
            }
            Directories.delete(home.resolve("data"));
            long started = System.nanoTime();
            DemoServer demo = DemoServer.start(home, KeycloakProcess.bundleFromSystemProperty(), KeycloakProcess.freePort(),
                    KeycloakProcess.freePort(), KeycloakProcess.freePort(), root.resolve("keycloak.log"));
            demo.writeEnvironment(target.resolve(DemoServer.ENV_FILE));
            System.out.printf("Demo started in %.1f s, log: %s%n", (System.nanoTime() - started) / 1e9,
                    root.resolve("keycloak.log"));
            return demo;
        } catch (Exception e) {
            throw new IllegalStateException("The demo did not start", e);
        }
    }
}
