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
    private final List<ResultRow> rows = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<Integer> seeded = new ArrayList<>();
    private final List<Integer> totals = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void add(int size, int seededUsers, int usersInRealm, List<ResultRow> sizeRows) {
        sizes.add(size);
        seeded.add(seededUsers);
        totals.add(usersInRealm);
        rows.addAll(sizeRows);
    }

    ResultRow row(int size, String operation) {
        return rows.stream().filter(r -> r.size() == size && r.operation().equals(operation)).findFirst()
                .orElseThrow();
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
        int width = rows.stream().mapToInt(r -> r.operation().length()).max().orElse(0);
        String format = "%-" + Math.max(32, width) + "s" + COLUMNS;
        for (int s = 0; s < sizes.size(); s++) {
            int size = sizes.get(s);
            out.append('\n').append(String.format(Locale.ROOT, "== size %,d: %,d seeded users, %,d users in realm at start ==%n",
                    size, seeded.get(s), totals.get(s)));
            out.append(String.format(Locale.ROOT, format, "operation", "unit", "ours", "admin", "preview", "ours/admin",
                    "ours/preview", "target vs admin", "", "beats preview"));
            for (ResultRow row : rows) {
                if (row.size() == size) {
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
        StringBuilder out = new StringBuilder(
                "size,operation,unit,ours,admin,preview,ours_to_admin,ours_to_preview,target_vs_admin,vs_admin,beats_preview\n");
        for (ResultRow row : rows) {
            out.append(String.format(Locale.ROOT, "%d,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%s,%s,%s%n", row.size(),
                    row.operation().replace(",", ""), row.unit(), row.ours(), row.admin(), row.preview(),
                    row.oursToAdmin(), row.oursToPreview(), row.adminTarget(), row.adminVerdict(), row.previewVerdict()));
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
