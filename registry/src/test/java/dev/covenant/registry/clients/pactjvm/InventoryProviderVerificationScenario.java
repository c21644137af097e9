package dev.covenant.registry.clients.pactjvm;

import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.MessageTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactBroker;
import au.com.dius.pact.provider.junitsupport.loader.PactBrokerConsumerVersionSelectors;
import au.com.dius.pact.provider.junitsupport.loader.SelectorBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pact-jvm provider verification of "inventory-service", fetching pacts from a Pact Broker the way a real
 * provider build does (for-verification with selectors, pending and WIP pacts, results published back).
 *
 * <p>Not a surefire test (the name does not end in Test): it needs a broker and an {@link InventoryProviderApp}, so
 * {@link PactJvmRunner#runProviderVerification} launches it with the system properties it reads.
 */
@Provider("${" + PactJvmRunner.PROVIDER_NAME_PROPERTY + ":" + PactJvmFixtures.PROVIDER + "}")
@PactBroker(
        url = "${pactbroker.url}",
        enablePendingPacts = "${pactbroker.enablePending:true}",
        providerBranch = "${pact.provider.branch:main}",
        includeWipPactsSince = "${pactbroker.includeWipPactsSince:2020-01-01}")
public class InventoryProviderVerificationScenario {

    @PactBrokerConsumerVersionSelectors
    public static SelectorBuilder consumerVersionSelectors() {
        return new SelectorBuilder()
                .mainBranch()
                .deployedOrReleased();
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        int port = Integer.getInteger(PactJvmRunner.PROVIDER_PORT_PROPERTY);
        context.setTarget(new HttpTestTarget("127.0.0.1", port));
        context.addAdditionalTarget(new MessageTestTarget(List.of(getClass().getPackageName())));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("item 42 exists")
    void itemExists() {
        // The provider app always has item 42; a real one would insert it here.
    }

    @State("item 42 has stock")
    void itemHasStock(Map<String, Object> params) {
        // The provider app always has stock; params carry {"available": 10} when the consumer gave them.
    }

    @PactVerifyProvider("a stock-changed event for item 42")
    MessageAndMetadata stockChanged() {
        String event = InventoryProviderApp.stockChangedEvent(Boolean.getBoolean(PactJvmRunner.PROVIDER_BROKEN_PROPERTY));
        return new MessageAndMetadata(event.getBytes(StandardCharsets.UTF_8), Map.of("contentType", "application/json"));
    }
}
