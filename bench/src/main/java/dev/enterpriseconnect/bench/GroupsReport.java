package dev.enterpriseconnect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The groups benchmark's table: each row a measured case against its baseline, the ratio and, when it
 * has one, the target (ratio at most). Written apart from the users benchmark's files, so neither run
 * overwrites the other's results.
 */
final class GroupsReport {

    static final String TEXT = "bench-groups-results.txt";
    static final String CSV = "bench-groups-results.csv";

    private static final String ROW = "%-50s %-6s %12s %12s %8s %-9s %-6s%n";

    /** @param bound the target for measured/baseline (at most); NaN for a row shown for information */
    record Row(String operation, String unit, double measured, double baseline, double bound) {
        double ratio() {
            return measured / baseline;
        }

        String target() {
            return Double.isNaN(bound) ? "" : "<= " + bound + "x";
        }

        String verdict() {
            if (Double.isNaN(bound)) {
                return "";
            }
            return Double.isNaN(ratio()) ? "n/a" : ratio() <= bound ? "PASS" : "FAIL";
        }
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void row(String operation, String unit, double measured, double baseline, double bound) {
        rows.add(new Row(operation, unit, measured, baseline, bound));
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

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(TEXT), text());
        Files.writeString(directory.resolve(CSV), csv());
    }
}
