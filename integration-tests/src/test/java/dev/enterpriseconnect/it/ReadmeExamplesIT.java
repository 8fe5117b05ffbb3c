package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.DemoServer;

/**
 * Runs the README's shell examples, in order, against the demo a newcomer starts, and fails naming
 * the block (README line and section), the command and its answer. The convention is
 * {@link ReadmeBlocks}' (and the README's, under "This README is tested").
 */
@ExtendWith(RunningDemo.class)
class ReadmeExamplesIT {

    @Test
    void everyShellBlockOfTheReadmeRunsAsWrittenOnTheDemo(DemoServer demo) throws Exception {
        Path readme = Path.of(System.getProperty("repository.root")).resolve("README.md");
        List<ReadmeBlocks.Block> blocks = ReadmeBlocks.parse(Files.readString(readme, StandardCharsets.UTF_8));
        List<ReadmeBlocks.Block> run = blocks.stream().filter(ReadmeBlocks.Block::runs).toList();
        assertTrue(run.size() >= 10, "the README's runnable blocks were not found: " + blocks);
        List<String> failures = runner(demo, "blocks").run(run);
        assertEquals(List.of(), failures, "README blocks that did not run as written:\n" + String.join("\n\n", failures));
    }

    @Test
    void aBlockThatFailsIsReportedWithItsLineSectionAndAnswer(DemoServer demo) throws Exception {
        String text = "## Demo\n\n```sh\n. integration-tests/target/demo.env\n"
                + "curl -s -H 'Authorization: Bearer wrong' $SCIM/Users\n```\n\n"
                + "## Unset\n\n```sh\ncurl -s $KC/realms/acme/$NEVER_SET\n```\n\n"
                + "## Expected\n\n<!-- readme-test: expect 404 -->\n```bash\ncurl -s $KC/realms/acme\n```\n\n"
                + "## Left out\n\n<!-- readme-test: skip it would fail -->\n```sh\nfalse\n```\n\n"
                + "## Not run\n\n```text\ncurl -s http://nowhere.invalid/\n```\n";
        List<ReadmeBlocks.Block> blocks = ReadmeBlocks.parse(text);
        assertEquals(5, blocks.size(), blocks.toString());
        List<String> failures = runner(demo, "self-test").run(blocks.stream().filter(ReadmeBlocks.Block::runs).toList());
        assertEquals(3, failures.size(), String.join("\n\n", failures));
        assertTrue(failures.get(0).startsWith("README line 3 (## Demo): curl ") && failures.get(0).contains(" answered 401: ")
                && failures.get(0).contains("A valid credential of this SCIM connector is required"), failures.get(0));
        assertTrue(failures.get(1).startsWith("README line 10 (## Unset): uses $NEVER_SET, which no earlier block sets"),
                failures.get(1));
        assertTrue(failures.get(2).startsWith("README line 17 (## Expected): its curls answered 200, the block expects 404"),
                failures.get(2));
    }

    private static ReadmeBlocks.Runner runner(DemoServer demo, String state) {
        return new ReadmeBlocks.Runner(RunningDemo.root(), RunningDemo.root().resolve(state), demo.baseUrl().toString(),
                demo.mailboxUrl().toString());
    }
}
