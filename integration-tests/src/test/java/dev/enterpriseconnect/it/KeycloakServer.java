package dev.enterpriseconnect.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Starts one real Keycloak for the whole test run and hands it to test classes that ask for a
 * {@link RunningKeycloak}. Keycloak's preview SCIM feature is on, so every test also proves that
 * our endpoint coexists with it.
 */
public final class KeycloakServer implements BeforeAllCallback, ParameterResolver {

    /** Log rows the sweep deletes at most per connector and run (ProvisioningLogScenarios). */
    static final int LOG_PURGE_BATCH = 2;
    /** How often the shared server's lifecycle sweep runs. */
    public static final int SWEEP_INTERVAL_SECONDS = 2;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == RunningKeycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return server(extension);
    }

    private static RunningKeycloak server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("keycloak", key -> start(), RunningKeycloak.class);
    }

    private static RunningKeycloak start() {
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path log = home.getParent().resolve("keycloak-it.log");
        long started = System.nanoTime();
        KeycloakProcess process = KeycloakProcess.start(home, KeycloakProcess.bundleFromSystemProperty(),
                KeycloakProcess.freePort(), List.of("--db=dev-mem", "--features=scim-api",
                        // Our Micrometer meters on the management port's /metrics (DirectoryMetricsIT scrapes them).
                        "--metrics-enabled=true",
                        // The lifecycle sweep every 2 s instead of 15 min: retention purges show within a test.
                        "--spi-enterprise-connect-sweep--default--interval=" + SWEEP_INTERVAL_SECONDS,
                        // 2 log rows per connector and sweep: a test sees a purge spread over sweeps.
                        "--spi-enterprise-connect-sweep--default--log-purge-batch=" + LOG_PURGE_BATCH,
                        // Webhook retries from 1 s instead of 5 s: a receiver's outage ends within a test.
                        "--spi-enterprise-connect-webhooks--default--retry-base=1",
                        // Setup-link domain proofs asked of the tests' own DNS server (SetupLinkDomainProofIT).
                        "--spi-realm-restapi-extension--enterprise-connect--dns-server=" + TestDns.shared().address()), log);
        // 10 minutes: with several builds sharing two cores a first start has taken 4.5 minutes.
        process.awaitReady(Duration.ofMinutes(10));
        System.out.printf("Keycloak started in %.1f s, log: %s%n", (System.nanoTime() - started) / 1e9, log);
        return new RunningKeycloak(process);
    }
}
