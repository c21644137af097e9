package dev.covenant.registry.matrix;

import dev.covenant.registry.pacticipants.Version;
import java.util.List;
import java.util.Objects;

/**
 * A parsed matrix / can-i-deploy query.
 *
 * @param selectors   the pacticipant versions asked about ({@code q[]})
 * @param ignore      integrations to leave out of the decision ({@code ignore[]})
 * @param target      where the versions are going, or null for "among the selectors"
 * @param latestBy    {@code cvp} or {@code cvpv}, or null
 * @param limit       the most rows returned
 * @param success     the verification outcomes of the rows to list ({@code success[]}: true, false, null for
 *                    unverified); empty lists every row. It filters the listing only, never the decision
 */
record MatrixQuery(List<VersionSelector> selectors, List<IgnoreSelector> ignore, Target target, String latestBy,
        int limit, List<Boolean> success) {

    /** One version of a pacticipant going to a target, as can-i-deploy and can-i-merge ask. */
    static MatrixQuery forVersion(String pacticipant, String version, Target target) {
        return new MatrixQuery(List.of(new VersionSelector(pacticipant, version, false, null, null, false)), List.of(),
                target, "cvp", MatrixQueryParser.DEFAULT_LIMIT, List.of());
    }

    /** Whether a row with this verification outcome (null: unverified) is listed. */
    boolean lists(Boolean outcome) {
        return success.isEmpty() || success.stream().anyMatch(listed -> Objects.equals(listed, outcome));
    }

    /**
     * A {@code q[]} entry. As in the Pact Broker, a pacticipant alone means all its versions, and a tag without
     * {@code latest} all versions with that tag; a branch without {@code latest} is the latest on that branch.
     */
    record VersionSelector(String pacticipant, String version, boolean latest, String tag, String branch,
            boolean mainBranch) {

        /** True when the selector stands for every version that matches it, not one. */
        boolean manyVersions() {
            return version == null && !latest && branch == null && !mainBranch;
        }

        boolean includes(Version candidate) {
            return tag == null || candidate.tags().contains(tag);
        }
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
