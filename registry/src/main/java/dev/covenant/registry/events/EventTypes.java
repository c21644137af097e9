package dev.covenant.registry.events;

/** The kinds of event the registry records. */
public final class EventTypes {

    /** An OpenAPI document was published for a provider version. Attributes: sha, branch, created. */
    public static final String CONTRACT_PUBLISHED = "contract.published";
    /** A pact was published. Application = consumer. Attributes: provider, sha, branch, contentChanged. */
    public static final String PACT_PUBLISHED = "pact.published";
    /** Verification results were published. Application = provider. Attributes: consumer, consumerVersion, providerVersion, success, pactSha, verificationNumber. */
    public static final String VERIFICATION_PUBLISHED = "verification.published";
    /** A version was recorded as deployed. Attributes: environment. */
    public static final String DEPLOYMENT_RECORDED = "deployment.recorded";
    /** A version was recorded as released. Attributes: environment. */
    public static final String RELEASE_RECORDED = "release.recorded";
    /** A deployed version was recorded as no longer deployed. Attributes: environment, environmentUuid, instance. */
    public static final String DEPLOYMENT_ENDED = "deployment.ended";
    /** Support for a released version ended. Attributes: environment, environmentUuid. */
    public static final String RELEASE_SUPPORT_ENDED = "release.support-ended";
    /**
     * The checks finished for a change. Attributes: reportId, compatible, trigger, summary, reportPath, audience
     * (who is affected: application, team, role, failures).
     */
    public static final String COMPATIBILITY_CHECKED = "compatibility.checked";

    /**
     * A proposal was opened. Attributes: proposalId, revision, title, summary, reportPath (the proposal's path),
     * audience (each team asked: application, team, role required-reviewer|informed, failures and findings).
     */
    public static final String PROPOSAL_OPENED = "proposal.opened";
    /** A proposal has a new revision. Attributes as {@link #PROPOSAL_OPENED}. */
    public static final String PROPOSAL_REVISED = "proposal.revised";
    /** A team reviewed a proposal. Attributes as {@link #PROPOSAL_OPENED}, plus team and decision. */
    public static final String PROPOSAL_REVIEWED = "proposal.reviewed";
    /** Every required reviewer approved: the proposal's document is the agreed contract. */
    public static final String PROPOSAL_AGREED = "proposal.agreed";
    /** The proposing team withdrew a proposal. */
    public static final String PROPOSAL_WITHDRAWN = "proposal.withdrawn";

    /**
     * Whether events of the type go to the teams in their {@code audience} attribute (the teams they concern),
     * rather than to subscriptions that list the type.
     */
    public static boolean addressed(String type) {
        return COMPATIBILITY_CHECKED.equals(type) || type.startsWith("proposal.");
    }

    private EventTypes() {
    }
}
