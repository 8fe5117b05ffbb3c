package dev.enterpriseconnect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a table per size plus the cross-size checks; printed and written as text and CSV. */
final class BenchReport {

    private static final String COLUMNS = " %-8s %10s %10s %10s %11s %13s  %-18s %-6s %-8s%n";

    private final List<String> header = new ArrayList<>();
    /** One measurement of one size; the largest size may be measured twice (a repeat). */
    private record Section(int size, boolean repeat, int seeded, int total, List<ResultRow> rows) {
    }

    private final List<Section> sections = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void add(int size, int seededUsers, int usersInRealm, List<ResultRow> sizeRows) {
        add(size, false, seededUsers, usersInRealm, sizeRows);
    }

    /** @param repeat a second measurement of a size already added */
    void add(int size, boolean repeat, int seededUsers, int usersInRealm, List<ResultRow> sizeRows) {
        sections.add(new Section(size, repeat, seededUsers, usersInRealm, List.copyOf(sizeRows)));
    }

    /** The row of the first measurement of this size. */
    ResultRow row(int size, String operation) {
        return rows(size, operation).get(0);
    }

    /** The row of every measurement of this size (two when the size was repeated), in order. */
    List<ResultRow> rows(int size, String operation) {
        List<ResultRow> found = sections.stream().filter(s -> s.size() == size).flatMap(s -> s.rows().stream())
                .filter(r -> r.operation().equals(operation)).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("No row " + operation + " at size " + size);
        }
        return found;
    }

    /** A check that is not one row of one size: scaling, heap. */
    void summary(String check, String figure, String target, boolean pass) {
        summary.add(String.format(Locale.ROOT, "%-48s %-28s %-14s %s", check, figure, target, pass ? "PASS" : "FAIL"));
    }

    void note(String line) {
        summary.add(line);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        // As wide as the longest operation (the deactivate rows name both requests), so columns stay aligned.
        int width = sections.stream().flatMap(s -> s.rows().stream()).mapToInt(r -> r.operation().length()).max()
                .orElse(0);
        String format = "%-" + Math.max(32, width) + "s" + COLUMNS;
        for (Section section : sections) {
            out.append('\n').append(String.format(Locale.ROOT, "== size %,d%s: %,d seeded users, %,d users in realm at start ==%n",
                    section.size(), section.repeat() ? " (repeat)" : "", section.seeded(), section.total()));
            out.append(String.format(Locale.ROOT, format, "operation", "unit", "ours", "admin", "preview", "ours/admin",
                    "ours/preview", "target vs admin", "", "beats preview"));
            for (ResultRow row : section.rows()) {
                {
                    out.append(String.format(Locale.ROOT, format, row.operation(), row.unit(), number(row.ours()),
                            number(row.admin()), number(row.preview()), ratio(row.oursToAdmin()),
                            ratio(row.oursToPreview()), row.adminTarget(), row.adminVerdict(), row.previewVerdict()));
                }
            }
        }
        out.append('\n').append("== across sizes ==\n");
        summary.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder("size,repeat,operation,unit,ours,admin,preview,ours_to_admin,"
                + "ours_to_preview,target_vs_admin,vs_admin,beats_preview\n");
        for (Section section : sections) {
            for (ResultRow row : section.rows()) {
            out.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%s,%s,%s%n", row.size(),
                    section.repeat(),
                    row.operation().replace(",", ""), row.unit(), row.ours(), row.admin(), row.preview(),
                    row.oursToAdmin(), row.oursToPreview(), row.adminTarget(), row.adminVerdict(), row.previewVerdict()));
            }
        }
        return out.toString();
    }

    /** bench-results, or bench-results-postgres for a PostgreSQL run (so the H2 figures stay). */
    static String fileName() {
        return "bench-results" + (BenchKeycloak.onPostgres() ? "-postgres" : "");
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(fileName() + ".txt"), text());
        Files.writeString(directory.resolve(fileName() + ".csv"), csv());
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
