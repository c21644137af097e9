package dev.covenant.registry.pacticipants;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

final class Dates {

    private Dates() {
    }

    static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
