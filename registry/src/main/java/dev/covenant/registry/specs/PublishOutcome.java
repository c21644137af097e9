package dev.covenant.registry.specs;

import dev.covenant.contract.openapi.DocumentProblem;
import java.util.List;

/**
 * The result of a publish.
 *
 * @param created  false when the same content was already published for that version (a no-op)
 * @param warnings the document's structural problems ({@code document-invalid}), accepted by a lenient policy
 */
record PublishOutcome(ProviderContract contract, boolean created, List<DocumentProblem> warnings) {

    PublishOutcome {
        warnings = List.copyOf(warnings);
    }
}
