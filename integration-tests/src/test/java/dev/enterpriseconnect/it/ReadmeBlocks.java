package dev.enterpriseconnect.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's fenced code blocks and how {@code ReadmeExamplesIT} runs them. The convention (also in the
 * README, section "The two commands"):
 * <ul>
 * <li>a block fenced {@code ```sh} or {@code ```bash} is run; any other fence ({@code text}, {@code json},
 * {@code yaml}, {@code java}, none) is not;</li>
 * <li>{@code <!-- readme-test: skip <reason> -->} on the line before the fence leaves a shell block out
 * (starting the demo itself, Docker, installing into /opt);</li>
 * <li>all run blocks share one bash, in README order, from a checkout's root, so variables carry on;
 * {@code http://localhost:8080} and {@code http://localhost:8025} stand for the demo's server and mailbox;</li>
 * <li>every {@code curl} must succeed with a 2xx or 3xx answer, unless
 * {@code <!-- readme-test: expect 201 409 -->} before the fence lists the statuses of the block's curls in order;</li>
 * <li>an upper-case {@code $VARIABLE} must be set by an earlier line (or by the demo's {@code demo.env} the block
 * sources).</li>
 * </ul>
 */
final class ReadmeBlocks {

    private static final Pattern FENCE = Pattern.compile("^```([A-Za-z0-9_-]*)\\s*$");
    private static final Pattern DIRECTIVE = Pattern.compile("^<!--\\s*readme-test:\\s*(skip|expect)\\s*(.*?)\\s*-->$");
    private static final Pattern USE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    private static final Pattern ASSIGN = Pattern.compile("(?:^|[\\s;(&|])(?:export\\s+)?([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);
    private static final Set<String> FROM_THE_SHELL = Set.of("HOME", "PATH", "PWD", "RANDOM", "USER", "TMPDIR");
    private static final String DEMO_ENV = "integration-tests/target/demo.env";

    private ReadmeBlocks() {
    }

    /** One fenced block; {@code line} is the README line of its opening fence. */
    record Block(int line, String heading, String language, String text, String skipReason, List<Integer> expected) {

        boolean runs() {
            return (language.equals("sh") || language.equals("bash")) && skipReason == null;
        }

        String where() {
            return "README line " + line + " (" + heading + ")";
        }

        @Override
        public String toString() {
            return where() + " ```" + language + (runs() ? "" : " (not run)");
        }
    }

    static List<Block> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String heading = "(top)";
        String directive = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                int start = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.length && !lines[i].equals("```"); i++) {
                    text.append(lines[i]).append('\n');
                }
                String skip = null;
                List<Integer> expected = null;
                if (directive != null) {
                    Matcher d = DIRECTIVE.matcher(directive);
                    if (d.matches() && d.group(1).equals("skip")) {
                        skip = d.group(2).isEmpty() ? "(no reason given)" : d.group(2);
                    } else if (d.matches()) {
                        expected = new ArrayList<>();
                        for (String status : d.group(2).split("[\\s,]+")) {
                            expected.add(Integer.parseInt(status));
                        }
                    }
                }
                blocks.add(new Block(start + 1, heading, fence.group(1), text.toString(), skip, expected));
                directive = null;
            } else if (line.startsWith("#")) {
                heading = line.trim();
                directive = null;
            } else if (!line.isBlank()) {
                directive = DIRECTIVE.matcher(line.trim()).matches() ? line.trim() : null;
            }
        }
        return blocks;
    }

    /** Runs blocks in one bash from {@code root} and says, per failed block, what went wrong. */
    static final class Runner {

        private final Path root;
        private final Path state;
        private final String server;
        private final String mailbox;

        /** @param root the directory standing for a checkout's root (holding {@value #DEMO_ENV}) */
        Runner(Path root, Path state, String server, String mailbox) {
            this.root = root;
            this.state = state;
            this.server = server.replaceAll("/$", "");
            this.mailbox = mailbox.replaceAll("/$", "");
        }

        List<String> run(List<Block> blocks) throws IOException, InterruptedException {
            Files.createDirectories(state);
            List<String> failures = new ArrayList<>();
            List<String> unset = unsetVariables(blocks);
            StringBuilder script = new StringBuilder(prelude());
            for (int n = 0; n < blocks.size(); n++) {
                String text = blocks.get(n).text().replace("http://localhost:8080", server)
                        .replace("http://localhost:8025", mailbox);
                script.append("__ec_block=").append(n).append("\n{\n").append(text).append("\n} > \"$__EC_STATE/out-")
                        .append(n).append("\" 2>&1 < /dev/null\necho $? > \"$__EC_STATE/exit-").append(n).append("\"\n");
            }
            Path file = state.resolve("readme-blocks.sh");
            Files.writeString(file, script);
            Process bash = new ProcessBuilder("bash", file.toString()).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(state.resolve("bash.log").toFile()).start();
            if (!bash.waitFor(15, TimeUnit.MINUTES)) {
                bash.destroyForcibly();
                failures.add("The README's blocks did not finish within 15 minutes");
            }
            for (int n = 0; n < blocks.size(); n++) {
                String problem = unset.get(n) != null ? unset.get(n) : check(n, blocks.get(n));
                if (problem != null) {
                    failures.add(blocks.get(n).where() + ": " + problem);
                }
            }
            return failures;
        }

        private String prelude() {
            // curl answers as usual; the wrapper also notes exit code, status, command and the answer's start.
            return "__EC_STATE='" + state + "'\n"
                    + "curl() {\n"
                    + "  local body code rc\n"
                    + "  body=$(mktemp)\n"
                    + "  code=$(command curl -sS -m 60 -o \"$body\" -w '%{http_code}' \"$@\"); rc=$?\n"
                    + "  cat \"$body\"\n"
                    + "  { printf '%s\\t%s\\t' \"$rc\" \"$code\"; printf '%s ' \"$@\" | tr '\\n\\t' '  ' | cut -c1-400 | tr -d '\\n';"
                    + " printf '\\t'; head -c 600 \"$body\" | tr '\\n\\t' '  '; printf '\\n'; } >> \"$__EC_STATE/curl-$__ec_block\"\n"
                    + "  rm -f \"$body\"\n"
                    + "  return $rc\n"
                    + "}\n";
        }

        private String check(int n, Block block) throws IOException {
            Path exitFile = state.resolve("exit-" + n);
            if (!Files.exists(exitFile)) {
                return "did not run (an earlier block stopped the shell)";
            }
            String output = tail(Files.readString(state.resolve("out-" + n), StandardCharsets.UTF_8));
            List<String[]> curls = new ArrayList<>();
            Path curlFile = state.resolve("curl-" + n);
            if (Files.exists(curlFile)) {
                for (String line : Files.readAllLines(curlFile, StandardCharsets.UTF_8)) {
                    curls.add(line.split("\t", 4));
                }
            }
            if (block.expected() != null) {
                List<Integer> got = curls.stream().map(c -> parseStatus(c[1])).toList();
                if (!got.equals(block.expected())) {
                    return "its curls answered " + describe(got) + ", the block expects " + describe(block.expected())
                            + "\n" + String.join("\n", curls.stream().map(ReadmeBlocks::describe).toList());
                }
            } else {
                for (String[] curl : curls) {
                    int status = parseStatus(curl[1]);
                    if (!curl[0].equals("0") || status < 200 || status >= 400) {
                        return describe(curl);
                    }
                }
            }
            String exit = Files.readString(exitFile).trim();
            if (!exit.equals("0")) {
                return "exited with " + exit + "; output:\n" + output;
            }
            return null;
        }

        /** Per block: a problem message when it uses an upper-case variable nothing before it sets. */
        private List<String> unsetVariables(List<Block> blocks) throws IOException {
            Set<String> set = new LinkedHashSet<>(FROM_THE_SHELL);
            List<String> problems = new ArrayList<>();
            for (Block block : blocks) {
                if (block.text().contains(DEMO_ENV) && Files.exists(root.resolve(DEMO_ENV))) {
                    for (String line : Files.readAllLines(root.resolve(DEMO_ENV))) {
                        Matcher assign = ASSIGN.matcher(line);
                        if (assign.find()) {
                            set.add(assign.group(1));
                        }
                    }
                }
                String problem = null;
                for (String line : block.text().split("\n")) {
                    String code = line.replaceAll("(^|\\s)#.*$", "");
                    Matcher assign = ASSIGN.matcher(code);
                    while (assign.find()) {
                        set.add(assign.group(1));
                    }
                    Matcher use = USE.matcher(code);
                    while (use.find() && problem == null) {
                        if (!set.contains(use.group(1))) {
                            problem = "uses $" + use.group(1) + ", which no earlier block sets: " + line.trim();
                        }
                    }
                }
                problems.add(problem);
            }
            return problems;
        }
    }

    private static int parseStatus(String status) {
        try {
            return Integer.parseInt(status.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String describe(String[] curl) {
        String status = parseStatus(curl[1]) == 0 ? "no answer (curl exit " + curl[0] + ")" : "answered " + curl[1];
        return "curl " + (curl.length > 2 ? curl[2].trim() : "") + " " + status
                + (curl.length > 3 && !curl[3].isBlank() ? ": " + curl[3].trim() : "");
    }

    private static String describe(List<Integer> statuses) {
        return statuses.toString().replaceAll("[\\[\\]]", "");
    }

    private static String tail(String text) {
        return text.length() <= 1500 ? text : "…" + text.substring(text.length() - 1500);
    }
}
