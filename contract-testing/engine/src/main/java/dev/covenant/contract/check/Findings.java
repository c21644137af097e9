package dev.covenant.contract.check;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one interaction; locations in the pact are written in the comparator's notation. */
final class Findings {

    private final InteractionRef interaction;
    private final String root;
    private final List<PactFinding> findings = new ArrayList<>();

    Findings(InteractionRef interaction, String array) {
        this.interaction = interaction;
        this.root = "[root]." + array + "[" + interaction.index() + "]";
    }

    /** {@code [root].interactions[3]} followed by {@code .part}s. */
    String mock(String... parts) {
        StringBuilder location = new StringBuilder(root);
        for (String part : parts) {
            location.append('.').append(part);
        }
        return location.toString();
    }

    void error(String code, String mockPointer, String specPointer, String message, Object value) {
        add(code, FindingType.ERROR, mockPointer, specPointer, message, value);
    }

    void warning(String code, String mockPointer, String specPointer, String message, Object value) {
        add(code, FindingType.WARNING, mockPointer, specPointer, message, value);
    }

    private void add(String code, FindingType type, String mockPointer, String specPointer, String message, Object value) {
        findings.add(new PactFinding(code, type, interaction, mockPointer, specPointer, message,
                value == null ? null : String.valueOf(value)));
    }

    List<PactFinding> list() {
        return findings;
    }
}
