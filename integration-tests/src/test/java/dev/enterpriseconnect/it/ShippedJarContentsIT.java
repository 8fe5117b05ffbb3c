package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.testbed.KeycloakProcess;

/** The drop-in JAR must not carry classes Keycloak already has: they would clash on the server. */
class ShippedJarContentsIT {

    private static final List<String> FORBIDDEN = List.of("org/keycloak/", "com/fasterxml/jackson/",
            "org/jboss/resteasy/", "jakarta/");

    @Test
    void theJarHoldsOnlyOurOwnClasses() throws IOException {
        try (JarFile jar = new JarFile(KeycloakProcess.bundleFromSystemProperty().toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            List<String> foreign = names.stream().filter(n -> FORBIDDEN.stream().anyMatch(n::startsWith)).toList();
            assertEquals(List.of(), foreign);
            assertTrue(names.stream().filter(n -> n.endsWith(".class")).allMatch(n -> n.startsWith("dev/enterpriseconnect/")),
                    "only dev.enterpriseconnect classes");
            assertTrue(names.contains("META-INF/services/org.keycloak.services.resource.RealmResourceProviderFactory"));
            assertTrue(names.contains("META-INF/keycloak-themes.json"));
        }
    }
}
