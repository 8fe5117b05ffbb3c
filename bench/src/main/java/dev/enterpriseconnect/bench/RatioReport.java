package dev.enterpriseconnect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's table of ratios (the groups and lifecycle benchmarks): each row a measured case
 * against its baseline from the same run, the ratio and, when it has one, the target (ratio at
 * most, or at least for throughput). Each benchmark writes files of its own name, so no run overwrites another's results.
 */
final class RatioReport {

    private final String name;

    private static final String ROW = "%-50s %-6s %12s %12s %8s %-9s %-6s%n";

    /**
     * @param bound   the target for measured/baseline; NaN for a row shown for information
     * @param atLeast whether the bound is a floor (throughput) rather than a ceiling (latency, cost)
     */
    record Row(String operation, String unit, double measured, double baseline, double bound, boolean atLeast) {
        double ratio() {
            return measured / baseline;
        }

        String target() {
            return Double.isNaN(bound) ? "" : (atLeast ? ">= " : "<= ") + bound + "x";
        }

        String verdict() {
            if (Double.isNaN(bound)) {
                return "";
            }
            if (Double.isNaN(ratio())) {
                return "n/a";
            }
            return (atLeast ? ratio() >= bound : ratio() <= bound) ? "PASS" : "FAIL";
        }
    }

    /** @param name the results' file name without extension, e.g. {@code bench-groups-results} */
    RatioReport(String name) {
        // PostgreSQL runs write files of their own, so the H2 figures stay.
        this.name = name + (BenchKeycloak.onPostgres() ? "-postgres" : "");
    }

    String textFile() {
        return name + ".txt";
    }

    String csvFile() {
        return name + ".csv";
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void row(String operation, String unit, double measured, double baseline, double bound) {
        rows.add(new Row(operation, unit, measured, baseline, bound, false));
    }

    /** A row whose target is a floor: measured/baseline at least {@code bound} (throughput). */
    void rowAtLeast(String operation, String unit, double measured, double baseline, double bound) {
        rows.add(new Row(operation, unit, measured, baseline, bound, true));
    }

    void note(String line) {
        notes.add(line);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        out.append('\n').append(String.format(Locale.ROOT, ROW, "operation (measured vs baseline)", "unit", "measured",
                "baseline", "ratio", "target", ""));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, ROW, row.operation(), row.unit(), BenchReport.number(row.measured()),
                    BenchReport.number(row.baseline()), BenchReport.ratio(row.ratio()), row.target(), row.verdict()));
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder("operation,unit,measured,baseline,ratio,target,verdict\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%s,%s,%.3f,%.3f,%.3f,%s,%s%n", row.operation().replace(",", ""),
                    row.unit(), row.measured(), row.baseline(), row.ratio(), row.target(), row.verdict()));
        }
        return out.toString();
    }

    /** Writes the files, prints the table and where it went: the end of a benchmark's run. */
    void finish(Path directory, long startedNanos) throws IOException {
        write(directory);
        System.out.println();
        System.out.print(text());
        System.out.printf("%nWritten: %s, %s (whole run %.1f min)%n", directory.resolve(textFile()),
                directory.resolve(csvFile()), (System.nanoTime() - startedNanos) / 60e9);
    }

    private void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(textFile()), text());
        Files.writeString(directory.resolve(csvFile()), csv());
    }
}
