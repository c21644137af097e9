package dev.covenant.registry.checks;

import dev.covenant.contract.pact.HttpInteraction;
import dev.covenant.contract.pact.Interaction;
import dev.covenant.contract.pact.MessageInteraction;
import dev.covenant.contract.pact.Pact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * What a cross-contract check could judge of a pact. Only HTTP interactions can be checked against an OpenAPI
 * document; messages, synchronous messages (gRPC through the protobuf plugin among them) and interactions of a kind
 * the model does not know are skipped, so a check of a pact that has any proves nothing about them.
 *
 * @param http                 interactions checked against the document
 * @param messages             asynchronous messages (V3 {@code messages}, V4 {@code Asynchronous/Messages})
 * @param synchronousMessages  V4 {@code Synchronous/Messages} (request/response messages, plugin transports)
 * @param unsupported          interactions of another kind (a plugin type, a typo)
 */
public record Coverage(int http, int messages, int synchronousMessages, int unsupported) {

    /** Counts the pact's interactions by whether the check can judge them. */
    static Coverage of(Pact pact) {
        int http = 0;
        int messages = 0;
        int synchronous = 0;
        int other = 0;
        for (Interaction interaction : pact.interactions()) {
            if (interaction instanceof HttpInteraction) {
                http++;
            } else if (interaction instanceof MessageInteraction message) {
                if (synchronous(message)) {
                    synchronous++;
                } else {
                    messages++;
                }
            } else {
                other++;
            }
        }
        return new Coverage(http, messages, synchronous, other);
    }

    private static boolean synchronous(MessageInteraction message) {
        return message.type() != null && message.type().toLowerCase(Locale.ROOT).startsWith("synchronous");
    }

    /** Every interaction of the pact was checked: the result can stand in for a verification. */
    public boolean complete() {
        return messages + synchronousMessages + unsupported == 0;
    }

    /** Why the check cannot stand in for a verification ("3 message interactions need a provider verification"). */
    public String reason() {
        List<String> parts = new ArrayList<>();
        if (messages > 0) {
            parts.add(count(messages, "message interaction"));
        }
        if (synchronousMessages > 0) {
            parts.add(count(synchronousMessages, "synchronous message interaction"));
        }
        if (unsupported > 0) {
            parts.add(count(unsupported, "plugin or unsupported interaction"));
        }
        int total = messages + synchronousMessages + unsupported;
        return String.join(" and ", parts) + (total == 1 ? " needs" : " need") + " a provider verification"
                + " (a cross-contract check only checks HTTP interactions)";
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    Document toDocument() {
        return new Document("http", http).append("messages", messages)
                .append("synchronousMessages", synchronousMessages).append("unsupported", unsupported);
    }

    /** Null for results stored before coverage was recorded. */
    static Coverage from(Document document) {
        if (document == null) {
            return null;
        }
        return new Coverage(document.getInteger("http", 0), document.getInteger("messages", 0),
                document.getInteger("synchronousMessages", 0), document.getInteger("unsupported", 0));
    }
}
