package dev.covenant.registry.teams;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * A team: the people who own applications and hear about changes that affect them.
 *
 * @param contacts who to reach, each a free-form map with at least {@code name} (e.g. {@code email}, {@code slack})
 */
public record Team(String name, String displayName, List<Contact> contacts, Instant createdAt, Instant updatedAt) {

    /** A person or channel to contact; fields other than {@code name} may be null. */
    public record Contact(String name, String email, String slack) {

        Document toDocument() {
            return new Document("name", name).append("email", email).append("slack", slack);
        }

        static Contact from(Document document) {
            return new Contact(document.getString("name"), document.getString("email"), document.getString("slack"));
        }
    }

    static Team from(Document document) {
        List<Document> contacts = document.getList("contacts", Document.class, List.of());
        return new Team(document.getString("_id"), document.getString("displayName"),
                contacts.stream().map(Contact::from).toList(),
                document.getDate("createdAt") == null ? null : document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt") == null ? null : document.getDate("updatedAt").toInstant());
    }
}
