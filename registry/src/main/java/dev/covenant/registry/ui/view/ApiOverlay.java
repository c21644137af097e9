package dev.covenant.registry.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.JsonLine;
import dev.covenant.registry.ui.model.Operations.Operation;
import dev.covenant.registry.ui.model.Operations;
import dev.covenant.registry.ui.model.PactUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Covenant's overlay on a rendered API reference: for each operation of the document, which consumers use it
 * (from their latest pacts) and which fields they read and send; and the pact requests no operation matches.
 */
public record ApiOverlay(List<OperationUse> operations, List<Unmatched> unmatched, int consumers) {

    /** A consumer's latest pact with this provider, as used by the overlay. */
    public record ConsumerPact(String consumer, String version, List<PactUsage.Use> uses) {
    }

    /** One operation and who uses it. */
    public record OperationUse(String name, String anchor, String operationId, String summary, boolean deprecated,
            List<ConsumerUse> consumers) {
    }

    /** One consumer's use of one operation. */
    public record ConsumerUse(String consumer, String version, List<String> interactions, List<String> fieldsRead,
            List<String> fieldsSent, String pactHref) {
    }

    /** A pact request that matches no operation of the document. */
    public record Unmatched(String consumer, String version, String description, String request) {
    }


    /**
     * For the rendered reference (ui/assets/api.js): operation name → its consumers with the fields they read, as
     * JSON; the template puts it in an attribute, which Thymeleaf escapes.
     */
    public String usageJson() {
        Map<String, List<Map<String, Object>>> usage = new LinkedHashMap<>();
        for (OperationUse operation : operations) {
            if (!operation.consumers().isEmpty()) {
                usage.put(operation.name(), operation.consumers().stream()
                        .map(use -> Map.<String, Object>of("consumer", use.consumer(), "version", use.version(),
                                "fields", use.fieldsRead(), "href", use.pactHref()))
                        .toList());
            }
        }
        return JsonLine.text(usage);
    }

    public static ApiOverlay of(String provider, JsonNode document, List<ConsumerPact> pacts) {
        List<Operation> operations = Operations.of(document);
        OperationMatcher matcher = new OperationMatcher(document, operations);
        Map<Operation, Map<String, Usage>> uses = new LinkedHashMap<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (ConsumerPact pact : pacts) {
            for (PactUsage.Use use : pact.uses()) {
                Operation operation = matcher.match(use.method(), use.path());
                if (operation == null) {
                    unmatched.add(new Unmatched(pact.consumer(), pact.version(), use.description(),
                            use.method() + " " + use.path()));
                    continue;
                }
                uses.computeIfAbsent(operation, key -> new LinkedHashMap<>())
                        .computeIfAbsent(pact.consumer(), key -> new Usage(pact.version()))
                        .add(use);
            }
        }
        List<OperationUse> rows = new ArrayList<>();
        for (Operation operation : operations) {
            List<ConsumerUse> consumers = new ArrayList<>();
            uses.getOrDefault(operation, Map.of()).forEach((consumer, usage) -> consumers.add(new ConsumerUse(consumer,
                    usage.version, List.copyOf(usage.interactions), List.copyOf(usage.read), List.copyOf(usage.sent),
                    Paths.pact(provider, consumer, usage.version))));
            rows.add(new OperationUse(operation.name(), "op-" + CatalogView.anchor(operation.name()),
                    operation.operationId(), operation.summary(), operation.deprecated(), List.copyOf(consumers)));
        }
        return new ApiOverlay(List.copyOf(rows), List.copyOf(unmatched), pacts.size());
    }

    private static final class Usage {
        private final String version;
        private final Set<String> interactions = new LinkedHashSet<>();
        private final Set<String> read = new LinkedHashSet<>();
        private final Set<String> sent = new LinkedHashSet<>();

        Usage(String version) {
            this.version = version;
        }

        void add(PactUsage.Use use) {
            interactions.add(use.description().isEmpty() ? use.method() + " " + use.path() : use.description());
            read.addAll(use.fieldsRead());
            sent.addAll(use.fieldsSent());
        }
    }
}
