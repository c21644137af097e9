package dev.covenant.registry.forverification;

import dev.covenant.registry.pacts.PactPublication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The texts the Pact Broker gives verifiers: why a pact is included, whether it is pending, what happens next. */
final class VerifiablePactMessages {

    private static final String READ_MORE_PENDING = "Read more at https://docs.pact.io/go/pending";
    private static final String READ_MORE_WIP = "Read more at https://docs.pact.io/go/wip";

    private final VerifiablePact pact;
    private final String url;
    private final String providerBranch;

    VerifiablePactMessages(VerifiablePact pact, String url, String providerBranch) {
        this.pact = pact;
        this.url = url;
        this.providerBranch = providerBranch;
    }

    String shortDescription() {
        return pact.selections().stream().map(VerifiablePactMessages::shortDescription).distinct()
                .collect(Collectors.joining(", "));
    }

    private static String shortDescription(Selection selection) {
        Selector selector = selection.selector();
        return switch (selector.kind()) {
            case LATEST -> "latest";
            case LATEST_TAG -> "latest with tag " + (selection.fallbackUsed() ? selector.fallbackTag() : selector.tag());
            case BRANCH, ALL_BRANCHES, MATCHING_BRANCH, MAIN_BRANCH -> "latest from branch " + selection.branch();
            case TAG -> selector.consumer() != null ? "one of " + selector.consumer() + " " + selector.tag() : "one of " + selector.tag();
            case DEPLOYED -> "deployed to " + selection.environment();
            case RELEASED -> "released in " + selection.environment();
            case DEPLOYED_OR_RELEASED -> "deployed or released in " + selection.environment();
        };
    }

    List<Map<String, Object>> notices(boolean includePendingStatus) {
        List<Map<String, Object>> notices = new ArrayList<>();
        notices.add(notice("before_verification", inclusionReason()));
        if (includePendingStatus && pact.pending() != null) {
            notices.add(notice("before_verification", pendingReason()));
            if (pact.pending()) {
                String target = pendingTarget("any");
                notices.add(notice("after_verification:success_true_published_false", "This pact is still in pending state for "
                        + target + " as the successful verification results have not yet been published."));
                notices.add(notice("after_verification:success_false_published_false", "This pact is still in pending state for "
                        + target + " as a successful verification result has not yet been published"));
                notices.add(notice("after_verification:success_true_published_true", "This pact is no longer in pending state for "
                        + target + ", as a successful verification result has been published. If a verification for a version of "
                        + provider() + " fails in the future, it will fail the build. " + READ_MORE_PENDING));
                notices.add(notice("after_verification:success_false_published_true", "This pact is still in pending state for "
                        + target + " as a successful verification result has not yet been published"));
            }
        }
        return notices;
    }

    String inclusionReason() {
        PactPublication publication = pact.publication();
        if (pact.wip()) {
            return "The pact at " + url + " is being verified because it is a 'work in progress' pact (ie. it is the pact "
                    + "for the latest version of " + publication.consumer() + " from branch '"
                    + pact.selections().get(0).branch() + "' and is still in pending state). " + READ_MORE_WIP;
        }
        int count = pact.selections().size();
        return "The pact at " + url + " is being verified because the pact content belongs to "
                + (count == 1 ? "the consumer version" : "the consumer versions") + " matching the following "
                + (count == 1 ? "criterion" : "criteria") + ":\n"
                + pact.selections().stream().map(selection -> "    * " + describe(selection)).collect(Collectors.joining("\n"));
    }

    private String describe(Selection selection) {
        Selector selector = selection.selector();
        String consumer = selection.publication().consumer();
        String version = " (" + selection.publication().consumerVersion() + ")";
        String versionLabel = selector.consumer() != null ? "version of " + selector.consumer() : "version";
        return switch (selector.kind()) {
            case LATEST -> "latest version of " + (selector.consumer() != null ? selector.consumer() : "a consumer")
                    + " that has a pact with " + provider() + version;
            case LATEST_TAG -> selection.fallbackUsed()
                    ? "latest " + versionLabel + " tagged '" + selector.fallbackTag() + "' (fallback tag used as no pact was found with tag '" + selector.tag() + "')" + version
                    : "latest " + versionLabel + " tagged '" + selector.tag() + "'" + version;
            case BRANCH, ALL_BRANCHES, MATCHING_BRANCH -> selection.fallbackUsed()
                    ? "latest " + versionLabel + " from branch '" + selector.fallbackBranch() + "' (fallback branch used as no pact was found from branch '" + selector.branch() + "')" + version
                    : "latest " + versionLabel + " from branch '" + selection.branch() + "'" + version;
            case MAIN_BRANCH -> "latest version of " + consumer + " from the main branch '" + selection.branch() + "'" + version;
            case TAG -> (selector.consumer() != null ? "all " + selector.consumer() + " versions" : "all consumer versions")
                    + " tagged '" + selector.tag() + "'" + version;
            case DEPLOYED -> "version(s) of " + consumer + " currently deployed to " + selection.environment() + version;
            case RELEASED -> "version(s) of " + consumer + " released and supported in " + selection.environment() + version;
            case DEPLOYED_OR_RELEASED -> consumer + " version in environment " + selection.environment() + version;
        };
    }

    String pendingReason() {
        if (Boolean.TRUE.equals(pact.pending())) {
            return "This pact is in pending state for this version of " + provider() + " because a successful verification result for "
                    + pendingTarget("a") + " has not yet been published. If this verification fails, it will not cause the overall build to fail. "
                    + READ_MORE_PENDING;
        }
        return "This pact has previously been successfully verified by " + (providerBranch != null
                ? "a version of " + provider() + " from branch '" + providerBranch + "'" : provider())
                + ". If this verification fails, it will fail the build. " + READ_MORE_PENDING;
    }

    private String pendingTarget(String anyOrA) {
        return providerBranch != null ? anyOrA + " version of " + provider() + " from branch '" + providerBranch + "'" : provider();
    }

    private String provider() {
        return pact.publication().provider();
    }

    private static Map<String, Object> notice(String when, String text) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("when", when);
        notice.put("text", text);
        return notice;
    }
}
