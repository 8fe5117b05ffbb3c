package dev.enterpriseconnect.bench;

/**
 * One measured operation at one realm size, for the three systems.
 *
 * @param adminBound the target for ours/admin (at most for latencies, at least for throughputs); NaN if none
 */
record ResultRow(int size, String operation, String unit, double ours, double admin, double preview,
        boolean higherIsBetter, double adminBound) {

    double oursToAdmin() {
        return ours / admin;
    }

    double oursToPreview() {
        return ours / preview;
    }

    String adminTarget() {
        if (Double.isNaN(adminBound)) {
            return "";
        }
        return (higherIsBetter ? ">= " : "<= ") + adminBound + "x admin";
    }

    /** PASS, FAIL, or blank when there is no target or no figure. */
    String adminVerdict() {
        if (Double.isNaN(adminBound)) {
            return "";
        }
        if (Double.isNaN(oursToAdmin())) {
            return "n/a";
        }
        boolean pass = higherIsBetter ? oursToAdmin() >= adminBound : oursToAdmin() <= adminBound;
        return pass ? "PASS" : "FAIL";
    }

    String previewVerdict() {
        if (Double.isNaN(oursToPreview())) {
            return "n/a";
        }
        boolean pass = higherIsBetter ? ours > preview : ours < preview;
        return pass ? "PASS" : "FAIL";
    }
}
