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
    /**
     * The checks finished for a change. Attributes: reportId, compatible, trigger, summary, reportPath, audience
     * (who is affected: application, team, role, failures).
     */
    public static final String COMPATIBILITY_CHECKED = "compatibility.checked";

    private EventTypes() {
    }
}
