package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.testbed.DemoRealms;

/**
 * {@code docker/compose.yaml}, {@code docker/Dockerfile} and {@code .dockerignore} read as Docker
 * would read them (no Docker engine needed): the services, what they mount, their healthchecks, and
 * that every file they name exists after {@code ./mvnw package} and is in the build context. Whether
 * the mounted realms import and the healthcheck works against Keycloak: {@link DemoRealmImportIT}.
 */
class DockerComposeIT {

    private static final String IMPORT_DIR = "/opt/keycloak/data/import";

    private static Path root;
    private static Path docker;
    private static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of(System.getProperty("repository.root")).toRealPath();
        docker = root.resolve("docker");
        services = new YAMLMapper().readTree(docker.resolve("compose.yaml").toFile()).get("services");
        assertNotNull(services, "compose.yaml has no services");
    }

    @Test
    void postgresIsCheckedWithPgIsReadyAndKeycloakWaitsForIt() {
        JsonNode postgres = services.get("postgres");
        assertNotNull(postgres, "no service postgres");
        assertTrue(postgres.path("image").asText().startsWith("postgres:"), postgres.toString());
        assertTrue(joined(postgres.at("/healthcheck/test")).contains("pg_isready"), postgres.toString());
        assertEquals("service_healthy", keycloak().at("/depends_on/postgres/condition").asText());
        assertTrue(env(keycloak(), "KC_DB_URL").contains("//postgres:5432/"), env(keycloak(), "KC_DB_URL"));
    }

    @Test
    void keycloakImportsTheRealmsTheBuildRendered() throws IOException {
        JsonNode command = keycloak().get("command");
        List<String> arguments = new ArrayList<>();
        command.forEach(a -> arguments.add(a.asText()));
        assertEquals("start", arguments.get(0), "command " + arguments);
        assertTrue(arguments.contains("--import-realm"), "command " + arguments);

        Path mounted = null;
        for (JsonNode volume : keycloak().path("volumes")) {
            String source;
            String target;
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                source = parts[0];
                target = parts[1];
            } else {
                source = volume.path("source").asText();
                target = volume.path("target").asText();
            }
            if (target.equals(IMPORT_DIR) || target.startsWith(IMPORT_DIR + "/")) {
                mounted = docker.resolve(source).normalize();
                assertTrue(Files.exists(mounted), mounted + " (mounted at " + target + ") does not exist");
                if (target.equals(IMPORT_DIR)) {
                    assertEquals(Path.of(System.getProperty("docker.realms.dir")).toRealPath(), mounted.toRealPath(),
                            "the import directory is not the one the build renders");
                }
            }
        }
        assertNotNull(mounted, "nothing is mounted at " + IMPORT_DIR);
        for (String file : DemoRealms.FILES) {
            Path realm = mounted.resolve(file);
            assertTrue(Files.isRegularFile(realm), realm + " is not there");
            assertFalse(Files.readString(realm).contains("\"@"), realm + " is a template, not a rendered realm");
        }
    }

    @Test
    void keycloakHealthcheckAsksReadinessOnTheManagementPort() {
        assertEquals("true", env(keycloak(), "KC_HEALTH_ENABLED"));
        String test = joined(keycloak().at("/healthcheck/test"));
        assertTrue(test.contains("/health/ready"), test);
        assertTrue(test.contains("/dev/tcp/localhost/9000"), test);
        assertFalse(test.contains("curl"), "the Keycloak image has no curl: " + test);
        assertEquals("true", env(keycloak(), "KC_HTTP_ENABLED"));
        assertEquals("http://localhost:8080", env(keycloak(), "KC_HOSTNAME"));
        assertEquals(System.getProperty("docker.base.url"), env(keycloak(), "KC_HOSTNAME"),
                "the realms are rendered for another address than the server's");
    }

    @Test
    void everyFileTheDockerfileCopiesIsInTheBuildContext() throws IOException {
        JsonNode build = keycloak().get("build");
        Path context = docker.resolve(build.get("context").asText()).normalize();
        assertEquals(root, context.toRealPath());
        Path dockerfile = context.resolve(build.get("dockerfile").asText());
        assertTrue(Files.isRegularFile(dockerfile), dockerfile.toString());

        List<Rule> rules = DockerIgnore.read(context.resolve(".dockerignore"));
        List<String> sent = new ArrayList<>();
        long[] bytes = {0};
        try (Stream<Path> files = Files.walk(context)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String relative = context.relativize(file).toString().replace('\\', '/');
                if (!DockerIgnore.excluded(rules, relative)) {
                    sent.add(relative);
                    bytes[0] += size(file);
                }
            });
        }
        List<String> sources = copySources(dockerfile);
        assertFalse(sources.isEmpty(), "no COPY in " + dockerfile);
        for (String source : sources) {
            Pattern glob = DockerIgnore.glob(source);
            assertTrue(sent.stream().anyMatch(f -> glob.matcher(f).matches()),
                    "COPY " + source + " matches nothing in the build context (built? excluded by .dockerignore?)");
        }
        assertTrue(sent.stream().noneMatch(f -> f.contains("/target/keycloak-") || f.startsWith(".git")),
                "the build context holds a Keycloak copy or .git: " + sent.stream().limit(5).toList());
        assertTrue(sent.stream().filter(f -> f.contains("target/")).allMatch(f -> sources.stream()
                .anyMatch(s -> DockerIgnore.glob(s).matcher(f).matches())), "target/ files in the context: " + sent);
        assertTrue(bytes[0] < 50L * 1024 * 1024, "build context of " + bytes[0] + " bytes: " + sent.size() + " files");
    }

    /** The sources of the Dockerfile's {@code COPY}/{@code ADD} lines that read the build context. */
    private static List<String> copySources(Path dockerfile) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            String[] words = line.trim().split("\\s+");
            if ((words[0].equalsIgnoreCase("COPY") || words[0].equalsIgnoreCase("ADD"))
                    && Stream.of(words).noneMatch(w -> w.startsWith("--from"))) {
                List<String> arguments = Stream.of(words).skip(1).filter(w -> !w.startsWith("--")).toList();
                sources.addAll(arguments.subList(0, arguments.size() - 1));
            }
        }
        return sources;
    }

    private static JsonNode keycloak() {
        JsonNode keycloak = services.get("keycloak");
        assertNotNull(keycloak, "no service keycloak");
        return keycloak;
    }

    private static String env(JsonNode service, String name) {
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode entry : environment) {
                if (entry.asText().startsWith(name + "=")) {
                    return entry.asText().substring(name.length() + 1);
                }
            }
            return null;
        }
        JsonNode value = environment.get(name);
        return value == null ? null : value.asText();
    }

    private static String joined(JsonNode test) {
        List<String> parts = new ArrayList<>();
        test.forEach(p -> parts.add(p.asText()));
        return test.isTextual() ? test.asText() : String.join(" ", parts);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Rule(boolean exception, Pattern pattern) {
    }

    /** Docker's .dockerignore rules: the last matching line wins; a line matches a path or any of its parents. */
    static final class DockerIgnore {

        static List<Rule> read(Path file) throws IOException {
            List<Rule> rules = new ArrayList<>();
            if (!Files.exists(file)) {
                return rules;
            }
            for (String line : Files.readAllLines(file)) {
                String pattern = line.trim();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                boolean exception = pattern.startsWith("!");
                pattern = pattern.substring(exception ? 1 : 0).trim().replaceAll("^/+", "").replaceAll("/+$", "");
                // The classic builder walks into an excluded directory only when an exception starts with its
                // literal path (docker/cli#2919): wildcards in an exception's directories would fail there.
                assertTrue(!exception || !pattern.substring(0, Math.max(0, pattern.lastIndexOf('/'))).matches(".*[*?\\[].*"),
                        "exception !" + pattern + " has a wildcard in its directories");
                rules.add(new Rule(exception, glob(pattern)));
            }
            return rules;
        }

        static boolean excluded(List<Rule> rules, String path) {
            boolean excluded = false;
            for (Rule rule : rules) {
                if (matchesOrParent(rule.pattern(), path)) {
                    excluded = !rule.exception();
                }
            }
            return excluded;
        }

        private static boolean matchesOrParent(Pattern pattern, String path) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (pattern.matcher(path.substring(0, slash)).matches()) {
                    return true;
                }
            }
            return pattern.matcher(path).matches();
        }

        /** Go's filepath.Match syntax, plus {@code **} for any number of directories. */
        static Pattern glob(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (glob.startsWith("**/", i)) {
                    regex.append("(?:.*/)?");
                    i += 2;
                } else if (glob.startsWith("**", i)) {
                    regex.append(".*");
                    i += 1;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }
}
