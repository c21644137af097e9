package dev.covenant.registry.matrix;

import java.util.List;

/**
 * A parsed matrix / can-i-deploy query.
 *
 * @param selectors   the pacticipant versions asked about ({@code q[]})
 * @param ignore      integrations to leave out of the decision ({@code ignore[]})
 * @param target      where the versions are going, or null for "among the selectors"
 * @param latestBy    {@code cvp} or {@code cvpv}, or null
 * @param limit       the most rows returned
 */
record MatrixQuery(List<VersionSelector> selectors, List<IgnoreSelector> ignore, Target target, String latestBy, int limit) {

    /** A {@code q[]} entry. */
    record VersionSelector(String pacticipant, String version, boolean latest, String tag, String branch,
            boolean mainBranch) {
    }

    /** An {@code ignore[]} entry; a null version ignores every version. */
    record IgnoreSelector(String pacticipant, String version) {

        boolean matches(String application, String versionNumber) {
            return pacticipant.equals(application) && (version == null || version.equals(versionNumber));
        }
    }

    /** The target: exactly one of environment, tag, main branch or overall latest. */
    record Target(String environment, String tag, boolean mainBranch) {

        static Target latest() {
            return new Target(null, null, false);
        }

        String describe() {
            if (environment != null) {
                return "currently in " + environment;
            }
            if (tag != null) {
                return "with tag " + tag;
            }
            return mainBranch ? "from the main branch" : "";
        }
    }
}
