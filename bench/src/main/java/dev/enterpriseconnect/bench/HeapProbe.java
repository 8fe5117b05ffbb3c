package dev.enterpriseconnect.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Used heap of the Keycloak JVM, read with jcmd from outside (no agent, no change to the server). */
final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final String jcmd;

    private HeapProbe(long pid) {
        this.pid = pid;
        Path sameJdk = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(sameJdk) ? sameJdk.toString() : "jcmd";
    }

    /** kc.sh may exec java itself or start it as a child: take whichever process is the JVM. */
    static HeapProbe of(ProcessHandle kcSh) {
        Optional<ProcessHandle> jvm = java.util.stream.Stream.concat(java.util.stream.Stream.of(kcSh), kcSh.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
        return new HeapProbe(jvm.orElseThrow(() -> new IllegalStateException("No Keycloak JVM under pid " + kcSh.pid()))
                .pid());
    }

    long pid() {
        return pid;
    }

    /** Used heap now, garbage included. */
    long usedBytes() {
        Matcher used = USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("No used heap in jcmd output");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Used heap after a full GC: what is really retained. */
    long usedAfterGcBytes() {
        jcmd("GC.run");
        return usedBytes();
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
