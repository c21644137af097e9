package dev.covenant.registry.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The provider states of the Pact Broker clients' pacts, as the Pact Broker sets them up
 * ({@code spec/service_consumers/shared_provider_states.rb}): each a chain of {@link Fixture} steps on an empty
 * store. States the Pact Broker declares as no-ops need only the empty store.
 */
final class ProviderStates {

    private static final String FOO_SHA = "5556b8149bf8bac76bc30f50a8a2dd4c22c85f30";
    private static final String TEST_ENVIRONMENT = "cb632df3-0a0d-4227-aac3-60114dd36479";
    private static final String ENVIRONMENT_16926 = "16926ef3-590f-4e3f-838e-719717aa88c9";
    private static final String DEPLOYED_VERSION = "ff3adecf-cfc5-4653-a4e3-f1861092f8e0";

    private static final Map<String, UnaryOperator<Fixture>> STATES = new LinkedHashMap<>();

    static {
        state("'Condor' exists in the pact-broker with the latest tagged 'production' version 1.2.3", f -> f
                .consumer("Condor").consumerVersion("1.2.3").consumerVersionTag("production")
                .consumerVersion("2.0.0"));
        state("'Condor' exists in the pact-broker with the latest version 1.2.3", f -> f
                .consumer("Condor").consumerVersion("1.0.0").consumerVersion("1.2.3"));
        state("the 'Pricing Service' and 'Condor' already exist in the pact-broker", f -> f
                .consumer("Condor").provider("Pricing Service"));
        state("the pact for Foo Thing version 1.2.3 has been verified by Bar version 4.5.6", f ->
                verifiedTwiceThenAgainLater(f, "Foo Thing"));
        state("the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6", f ->
                verifiedTwiceThenAgainLater(f, "Foo"));
        state("the pact for Foo version 1.2.3 and 1.2.4 has been verified by Bar version 4.5.6", f ->
                fooBarPact(f).verification("4.5.6")
                        .consumerVersion("1.2.4").revisedPact().verification("4.5.6"));
        state("the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6, and 1.2.4 "
                + "unsuccessfully by 9.9.9", f -> fooBarPact(f).verification("4.5.6")
                .consumerVersion("1.2.4").revisedPact().verification("9.9.9", false));
        state("the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 with tag prod, and "
                + "1.2.4 unsuccessfully by 9.9.9", f -> fooBarPact(f).verification("4.5.6")
                .useProvider("Bar").useProviderVersion("4.5.6").providerVersionTag("prod")
                .consumerVersion("1.2.4").revisedPact().verification("9.9.9", false));
        state("the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6 and version 5.6.7", f ->
                fooBarPact(f).verification("4.5.6").verification("5.6.7"));
        state("the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 (tagged prod) and "
                + "version 5.6.7", f -> f.consumer("Foo").consumerVersion("1.2.3").provider("Bar").pact()
                .verification("4.5.6").useProviderVersion("4.5.6").providerVersionTag("prod")
                .verification("5.6.7"));
        state("the 'Pricing Service' already exists in the pact-broker", f -> f
                .pricingService().providerVersion("1.3.0"));
        state("a pact between Condor and the Pricing Service exists", ProviderStates::condorPact);
        state("the 'Pricing Service' and 'Condor' already exist in the pact-broker, and Condor already has a pact "
                + "published for version 1.3.0", ProviderStates::condorPact);
        state("'Condor' already exist in the pact-broker, but the 'Pricing Service' does not", f -> f
                .consumer("Condor"));
        state("'Condor' exists in the pact-broker", f -> f.consumer("Condor").consumerVersion("1.3.0"));
        state("'Condor' exists in the pact-broker with version 1.3.0, tagged with 'prod'", f -> f
                .pacticipant("Condor").version("1.3.0", null).tag("prod"));
        state("a pact between Condor and the Pricing Service exists for the production version of Condor", f -> f
                .consumer("Condor").consumerVersion("1.3.0").consumerVersionTag("prod")
                .provider("Pricing Service").pact());
        state("a latest pact between Condor and the Pricing Service exists", f -> f
                .consumer("Condor").consumerVersion("1.3.0").provider("Pricing Service").pact());
        state("tagged as prod pact between Condor and the Pricing Service exists", f -> f
                .consumer("Condor").consumerVersion("1.3.0").consumerVersionTag("prod")
                .provider("Pricing Service").pact());
        state("a webhook with the uuid 696c5f93-1b7f-44bc-8d03-59440fcaa9a0 exists", f -> f
                .consumer("Condor").provider("Pricing Service").webhook("696c5f93-1b7f-44bc-8d03-59440fcaa9a0"));
        state("a pacticipant with name Foo exists", f -> f.consumer("Foo"));
        state("version 26f353580936ad3b9baddb17b00e84f33c69e7cb of pacticipant Foo does exist", f -> f
                .consumer("Foo").consumerVersion("26f353580936ad3b9baddb17b00e84f33c69e7cb"));
        state("provider Bar version 4.5.6 has a successful verification for Foo version 1.2.3 tagged prod and a "
                + "failed verification for version 3.4.5 tagged prod", f -> f
                .consumer("Foo").provider("Bar").consumerVersion("1.2.3").consumerVersionTag("prod").pact()
                .verification("4.5.6")
                .consumerVersion("3.4.5").consumerVersionTag("prod").revisedPact()
                .verification("4.5.6", false));
        state("an environment exists", f -> f.environment("test", null,
                List.of(Map.of("name", "foo", "details", Map.of("emailAddress", "foo@bar.com")))));
        state("version " + FOO_SHA + " of pacticipant Foo exists with a test environment available for release", f -> f
                .environment("test", TEST_ENVIRONMENT).consumer("Foo").consumerVersion(FOO_SHA));
        state("an environment with name test and UUID " + ENVIRONMENT_16926 + " exists", f -> f
                .environment("test", ENVIRONMENT_16926));
        state("an version is deployed to environment with UUID " + ENVIRONMENT_16926 + " with target customer-1",
                f -> f.environment("test", ENVIRONMENT_16926).consumer("Foo").consumerVersion(FOO_SHA)
                        .deployedConsumerVersion(DEPLOYED_VERSION, "customer-1"));
        state("a currently deployed version exists", f -> f
                .environment("test", TEST_ENVIRONMENT).consumer("Foo").consumerVersion(FOO_SHA)
                .deployedConsumerVersion(DEPLOYED_VERSION, null));
        state("a branch named main exists for pacticipant Foo", f -> f.consumer("Foo").consumerVersion("1", "main"));
        state("an environment with name test exists", f -> f.environment("test"));
        state("version " + FOO_SHA + " of pacticipant Foo exists with a test environment available for deployment",
                f -> f.consumer("Foo").consumerVersion(FOO_SHA).environment("test", TEST_ENVIRONMENT));
        state("version " + FOO_SHA + " of pacticipant Foo exists with 2 environments that aren't test available for "
                + "deployment", f -> f.consumer("Foo").consumerVersion(FOO_SHA)
                .environment("prod").environment("dev"));
        for (String noOp : Set.of(
                "the pb:latest-tagged-version relation exists in the index resource",
                "the pb:latest-version relation exists in the index resource",
                "version " + FOO_SHA + " of pacticipant Foo does not exist",
                "the 'Pricing Service' does not exist in the pact-broker",
                "no pact between Condor and the Pricing Service exists",
                "'Condor' does not exist in the pact-broker",
                "no pacticipant version exists for the Pricing Service",
                "the pacticipant relations are present",
                "the pb:pacticipant-version relation exists in the index resource",
                "version 26f353580936ad3b9baddb17b00e84f33c69e7cb of pacticipant Foo does not exist",
                "the pb:publish-contracts relations exists in the index resource",
                "the pb:environments relation exists in the index resource",
                "the pb:pacticipant-branch relation exists in the index resource",
                "the pb:pacticipant-version and pb:environments relations exist in the index resource",
                "the pb:latest-pact-versions relation exists in the index resource",
                "the pb:pacticipants relation exists in the index resource",
                "the pb:pacticipant relation exists in the index resource",
                "a webhook with uuid non-existent-uuid does not exist",
                "a pacticipant version with production details exists for the Pricing Service",
                // PactFlow's index relation; the registry's index always has it.
                "the pb:publish-provider-contract relation exists in the index resource",
                // every provider contract publish answers with a pf:ui link
                "there is a pf:ui href in the response")) {
            state(noOp, UnaryOperator.identity());
        }
        state("", UnaryOperator.identity());
    }

    private ProviderStates() {
    }

    private static void state(String name, UnaryOperator<Fixture> setUp) {
        STATES.put(name, setUp);
    }

    /** The set-up of the named state, if it is one of these. */
    static Optional<UnaryOperator<Fixture>> named(String name) {
        return Optional.ofNullable(STATES.get(name));
    }

    static Set<String> names() {
        return STATES.keySet();
    }

    private static Fixture fooBarPact(Fixture f) {
        return f.consumer("Foo").consumerVersion("1.2.3").provider("Bar").revisedPact();
    }

    /** Verified by 4.5.6 and 7.8.9; then version 2.0.0's own pact is verified by 4.5.6 too. */
    private static Fixture verifiedTwiceThenAgainLater(Fixture f, String consumer) {
        return f.consumer(consumer).consumerVersion("1.2.3").provider("Bar").revisedPact()
                .verification("4.5.6").verification("7.8.9")
                .consumerVersion("2.0.0").revisedPact().verification("4.5.6");
    }

    private static Fixture condorPact(Fixture f) {
        return f.consumer("Condor").consumerVersion("1.3.0").pricingService().pact();
    }
}
