package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a {@code compatibility.checked} event concerns, read from its {@code audience} attribute (one entry per
 * affected application: its team, its role and the failures that affect it).
 */
record Audience(String application, String team, String role, List<Map<String, Object>> failures) {

    static List<Audience> of(Event event) {
        List<Audience> audience = new ArrayList<>();
        for (Map<String, Object> entry : maps(event.attributes().get("audience"))) {
            audience.add(new Audience(text(entry, "application"), text(entry, "team"), text(entry, "role"),
                    maps(entry.get("failures"))));
        }
        if (audience.isEmpty()) { // the first shape of the contract: affectedConsumers
            for (Map<String, Object> entry : maps(event.attributes().get("affectedConsumers"))) {
                audience.add(new Audience(text(entry, "consumer"), text(entry, "team"), "consumer",
                        maps(entry.get("failures"))));
            }
        }
        return audience;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList();
    }

    static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }
}
