package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * oasdiff's rule vocabulary (bundled rules.json, Apache-2.0): the level of every finding comes from here,
 * so users can map our findings one to one onto oasdiff's.
 */
public final class Rules {

    private static final Rules BUNDLED = load();

    private final Map<String, Rule> byId;

    private Rules(Map<String, Rule> byId) {
        this.byId = byId;
    }

    /** The bundled copy of oasdiff's rules. */
    public static Rules bundled() {
        return BUNDLED;
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The level of a known id; an unknown id is a programming error. */
    public Level level(String id) {
        Rule rule = byId.get(id);
        if (rule == null) {
            throw new IllegalArgumentException("not an oasdiff rule id: " + id);
        }
        return rule.level();
    }

    public Collection<Rule> all() {
        return byId.values();
    }

    private static Rules load() {
        try (InputStream in = Rules.class.getResourceAsStream("rules.json")) {
            if (in == null) {
                throw new IllegalStateException("rules.json is missing from the classpath");
            }
            Map<String, Rule> rules = new LinkedHashMap<>();
            for (JsonNode node : new ObjectMapper().readTree(in)) {
                Rule rule = new Rule(node.path("id").asText(), Level.valueOf(node.path("level").asText()),
                        node.path("direction").asText(), node.path("area").asText(),
                        node.path("kind").asText(), node.path("action").asText());
                rules.put(rule.id(), rule);
            }
            return new Rules(Map.copyOf(rules));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled rules.json", e);
        }
    }
}
