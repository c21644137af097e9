package dev.covenant.registry.matrix;

import java.util.List;

/**
 * The answer: the rows considered, the decision and why.
 *
 * @param deployable true, false, or null when unknown (some required verification is missing)
 * @param reasons    one line per problem, or the single success reason
 */
record MatrixResult(List<MatrixRow> rows, Boolean deployable, List<String> reasons, int success, int failed,
        int unknown, int ignored, List<String> warnings) {
}
