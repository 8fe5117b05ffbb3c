package dev.enterpriseconnect.bench;

/**
 * The /Users targets (ours against the admin API, same run). On H2 the first ones; on PostgreSQL those of
 * issue 18, which are stricter: lookup ≤ 0.6×, create ≥ 1.0×, PATCH active:false ≤ 1.0× the admin PUT.
 * Pages are ≤ 0.5× on both.
 */
final class Targets {

    private Targets() {
    }

    static double lookup() {
        return BenchKeycloak.onPostgres() ? 0.6 : 1.2;
    }

    static double create() {
        return BenchKeycloak.onPostgres() ? 1.0 : 0.9;
    }

    static double deactivate() {
        return BenchKeycloak.onPostgres() ? 1.0 : 1.2;
    }
}
