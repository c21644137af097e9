package dev.covenant.junit5;

import au.com.dius.pact.provider.junitsupport.loader.PactBroker;
import au.com.dius.pact.provider.junitsupport.loader.PactBrokerLoader;

/**
 * pact-jvm's broker loader with its settings taken from the system properties {@link CovenantVerificationExtension}
 * sets before the verification starts (pact-jvm resolves {@code ${...}} expressions when it loads the pacts).
 */
public class CovenantPactLoader extends PactBrokerLoader {

    /** Called by pact-jvm for a test class annotated with {@link CovenantPacts}. */
    public CovenantPactLoader(CovenantPacts annotation) {
        super(Template.class.getAnnotation(PactBroker.class));
    }

    /** Carries the {@code @PactBroker} settings, all read from system properties at load time. */
    @PactBroker(
            url = "${pactbroker.url}",
            providerBranch = "${pactbroker.providerBranch:}",
            enablePendingPacts = "${pactbroker.enablePending:false}",
            includeWipPactsSince = "${pactbroker.includeWipPactsSince:}")
    private static final class Template {
    }
}
