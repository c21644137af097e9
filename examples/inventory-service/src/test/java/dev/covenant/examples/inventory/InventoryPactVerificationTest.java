package dev.covenant.examples.inventory;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import dev.covenant.junit5.CovenantPacts;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Verifies inventory-service against the pacts of its consumers, fetched from the Covenant registry
 * ({@code COVENANT_URL}); skipped when no registry is configured. In CI the results are published back as the
 * commit on its branch, which is what can-i-deploy reads.
 */
@Provider("inventory-service")
@CovenantPacts
@SpringBootTest(classes = InventoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class InventoryPactVerificationTest {

    @LocalServerPort
    int port;

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("127.0.0.1", port));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("item 42 exists")
    void itemExists() {
        // the in-memory catalog always has item 42
    }

    @State("item 42 has stock")
    void itemHasStock(Map<String, Object> params) {
        // item 42 starts with 10 units; the consumer asks for fewer
    }
}
