package dev.covenant.registry.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** A stored token as the API shows it: everything but the secret. */
record TokenInfo(String name, Role role, String team, Instant createdAt, String createdBy) {

    static TokenInfo from(Document document) {
        return new TokenInfo(document.getString("name"), Role.parse(document.getString("role")),
                document.getString("team"), document.getDate("createdAt").toInstant(), document.getString("createdBy"));
    }

    Caller caller() {
        return new Caller(name, role, team);
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        view.put("role", role.id());
        if (team != null) {
            view.put("team", team);
        }
        view.put("createdAt", createdAt.toString());
        if (createdBy != null) {
            view.put("createdBy", createdBy);
        }
        return view;
    }
}
