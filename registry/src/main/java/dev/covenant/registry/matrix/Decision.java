package dev.covenant.registry.matrix;

import dev.covenant.registry.matrix.MatrixQuery.VersionSelector;
import dev.covenant.registry.matrix.MatrixService.Resolved;
import java.util.ArrayList;
import java.util.List;

/** The collected rows become a decision with the Pact Broker's reasons. */
final class Decision {

    private Decision() {
    }

    private static String because(MatrixRow row) {
        return row.reason() == null ? "" : ": " + row.reason();
    }

    static MatrixResult decide(MatrixQuery query, List<Resolved> resolved, List<MatrixRow> rows) {
        List<String> reasons = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean missingVersion = false;
        for (Resolved selector : resolved) {
            if (selector.versions().size() >= MatrixService.MAX_VERSIONS_PER_SELECTOR) {
                warnings.add("WARNING: Only the newest " + MatrixService.MAX_VERSIONS_PER_SELECTOR + " versions of "
                        + selector.selector().pacticipant() + " were considered; select fewer versions (a version,"
                        + " latest, a branch or a tag with latest) for a complete answer");
            }
            if (selector.versions().isEmpty()) {
                missingVersion = true;
                VersionSelector asked = selector.selector();
                reasons.add(asked.tag() != null
                        ? "No version with tag " + asked.tag() + " exists for " + asked.pacticipant()
                        : asked.version() != null
                                ? "No pacts or verifications have been published for version " + asked.version() + " of " + asked.pacticipant()
                                : "No pacts or verifications have been published for " + asked.pacticipant());
            }
        }
        int success = 0;
        int failed = 0;
        int unknown = 0;
        int ignored = 0;
        for (MatrixRow row : rows) {
            String prefix = row.ignored() ? "[IGNORED] " : "";
            switch (row.status()) {
                case SUCCESS -> {
                    success += row.ignored() ? 0 : 1;
                    if (row.reason() != null) {
                        warnings.add(prefix + "WARNING: The cross-contract check of the pact between "
                                + row.consumerDescription() + " and " + row.providerDescription() + " passed, but "
                                + row.reason());
                    }
                }
                case FAILED -> {
                    failed += row.ignored() ? 0 : 1;
                    reasons.add(prefix + (CrossCheckVerifications.is(row.verification())
                            ? "The cross-contract check (pact against the provider's OpenAPI document) of the pact between "
                            : "The verification for the pact between ") + row.consumerDescription() + " and "
                            + row.providerDescription() + " failed" + because(row));
                }
                case UNKNOWN -> {
                    unknown += row.ignored() ? 0 : 1;
                    reasons.add(prefix + "There is no verified pact between " + row.consumerDescription() + " and "
                            + row.providerDescription() + because(row));
                }
            }
            if (row.ignored()) {
                ignored++;
            }
        }
        query.ignore().stream()
                .filter(ignore -> rows.stream().noneMatch(row -> ignore.pacticipant().equals(row.consumer())
                        || ignore.pacticipant().equals(row.provider())))
                .forEach(ignore -> warnings.add("WARNING: Cannot ignore " + ignore.pacticipant()
                        + (ignore.version() == null ? "" : " version " + ignore.version())
                        + " as it is not part of this query"));
        Boolean deployable;
        if (missingVersion || failed > 0) {
            deployable = false;
        } else if (unknown > 0) {
            deployable = null;
        } else {
            deployable = true;
            // As the Pact Broker: the failures of ignored rows are the reasons when there are any (still a yes)
            if (reasons.isEmpty()) {
                reasons.add(rows.isEmpty() ? "There are no missing dependencies"
                        : "All required verification results are published and successful");
            }
        }
        // success[] narrows what is listed, never what is decided: a filter cannot turn a no into a yes
        List<MatrixRow> listed = rows.stream()
                .filter(row -> query.lists(row.verification() == null ? null : row.verification().success()))
                .limit(query.limit())
                .toList();
        return new MatrixResult(listed, deployable, reasons, success, failed, unknown, ignored, warnings);
    }
}
