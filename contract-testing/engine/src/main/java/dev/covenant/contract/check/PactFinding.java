package dev.covenant.contract.check;

/**
 * One incompatibility or remark about a pact checked against a document.
 *
 * @param code        stable id, the openapi-pact-comparator code (e.g. {@code request.body.incompatible})
 * @param type        ERROR or WARNING, with the comparator's severities
 * @param interaction the interaction concerned
 * @param mockPointer where in the pact, in the comparator's notation:
 *                    {@code [root].interactions[3].request.headers.x-id}; array items of a value as {@code .2}
 * @param specPointer where in the document, as an RFC 6901 JSON pointer ({@code /paths/~1pets/get/responses})
 * @param message     one human sentence
 * @param value       the offending pact value as text, or {@code null}
 */
public record PactFinding(
        String code,
        FindingType type,
        InteractionRef interaction,
        String mockPointer,
        String specPointer,
        String message,
        String value) {
}
