package dev.covenant.registry.security;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One write as the audit log keeps it: who (token name, role, team; {@code anonymous} in open mode), what (method,
 * path, the answer's status, a detail the endpoint adds), when, and the request id and client address.
 */
record AuditEntry(Instant at, String actor, String role, String team, String method, String path, int status,
        String detail, String requestId, String remoteAddress) {

    Document document() {
        return new Document("at", Date.from(at))
                .append("actor", actor)
                .append("role", role)
                .append("team", team)
                .append("method", method)
                .append("path", path)
                .append("status", status)
                .append("detail", detail)
                .append("requestId", requestId)
                .append("remoteAddress", remoteAddress);
    }

    static AuditEntry from(Document document) {
        return new AuditEntry(document.getDate("at").toInstant(), document.getString("actor"),
                document.getString("role"), document.getString("team"), document.getString("method"),
                document.getString("path"), document.getInteger("status", 0), document.getString("detail"),
                document.getString("requestId"), document.getString("remoteAddress"));
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", at.toString());
        view.put("actor", actor);
        if (role != null) {
            view.put("role", role);
        }
        if (team != null) {
            view.put("team", team);
        }
        view.put("method", method);
        view.put("path", path);
        view.put("status", status);
        if (detail != null) {
            view.put("detail", detail);
        }
        view.put("requestId", requestId);
        if (remoteAddress != null) {
            view.put("remoteAddress", remoteAddress);
        }
        return view;
    }
}
