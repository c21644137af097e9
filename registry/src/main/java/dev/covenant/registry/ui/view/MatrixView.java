package dev.covenant.registry.ui.view;

import dev.covenant.registry.matrix.CanIDeploy;
import java.util.List;

/** The can-i-deploy answer as the matrix page shows it. */
public record MatrixView(String decision, String decisionCss, List<String> reasons, List<Row> rows) {

    /** One integration. */
    public record Row(String consumer, String consumerVersion, String provider, String providerVersion, String result,
            String css, String verifiedAt, String pactHref, String reason) {
    }

    public static MatrixView of(CanIDeploy.Answer answer) {
        Boolean deployable = answer.deployable();
        return new MatrixView(deployable == null ? "Unknown" : deployable ? "Yes" : "No",
                deployable == null ? "unverified" : deployable ? "verified" : "failed",
                java.util.stream.Stream.concat(answer.reasons().stream(), answer.warnings().stream()).toList(),
                answer.rows().stream().map(MatrixView::row).toList());
    }

    private static Row row(CanIDeploy.Row row) {
        String by = row.crossCheck() ? " (cross-contract check)" : "";
        String result = switch (row.status()) {
            case "SUCCESS" -> "passed" + by;
            case "FAILED" -> "failed" + by;
            default -> "not verified";
        };
        String css = switch (row.status()) {
            case "SUCCESS" -> "verified";
            case "FAILED" -> "failed";
            default -> "unverified";
        };
        return new Row(row.consumer(), row.consumerVersion(), row.provider(),
                row.providerVersion() == null ? "–" : row.providerVersion(), result, css,
                UiFormat.time(row.verifiedAt()), Paths.pact(row.provider(), row.consumer(), row.consumerVersion()),
                row.reason());
    }
}
