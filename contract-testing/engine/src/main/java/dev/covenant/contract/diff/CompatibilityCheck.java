package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks a candidate document against earlier versions at a {@link CompatibilityLevel}. */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /** Breaking (ERR) findings of the candidate against the earlier versions the level asks for. */
    public static List<Violation> check(CompatibilityLevel level, List<JsonNode> earlierVersionsOldestFirst,
                                        JsonNode candidate, DiffOptions options) {
        return check(level, earlierVersionsOldestFirst, candidate, options, Level.ERR);
    }

    /** Findings at or above {@code threshold} of the candidate against the earlier versions the level asks for. */
    public static List<Violation> check(CompatibilityLevel level, List<JsonNode> earlierVersionsOldestFirst,
                                        JsonNode candidate, DiffOptions options, Level threshold) {
        List<Violation> violations = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlierVersionsOldestFirst.isEmpty()) {
            return violations;
        }
        int latest = earlierVersionsOldestFirst.size() - 1;
        int first = level.transitive() ? 0 : latest;
        for (int i = first; i <= latest; i++) {
            JsonNode earlier = earlierVersionsOldestFirst.get(i);
            if (level.backward()) {
                collect(OpenApiDiff.diff(earlier, candidate, options), Violation.Direction.BACKWARD, i, threshold,
                        violations);
            }
            if (level.forward()) {
                collect(OpenApiDiff.diff(candidate, earlier, options), Violation.Direction.FORWARD, i, threshold,
                        violations);
            }
        }
        return violations;
    }

    private static void collect(DiffReport report, Violation.Direction direction, int index, Level threshold,
                                List<Violation> into) {
        for (Finding finding : report.findings()) {
            if (finding.level().atLeast(threshold)) {
                into.add(new Violation(direction, index, finding));
            }
        }
    }
}
