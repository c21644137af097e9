package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Draft202012;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import dev.covenant.contract.check.SchemaTransformer.Direction;
import dev.covenant.contract.openapi.Pointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates pact values against document schemas with networknt's JSON Schema validator (2020-12 after
 * {@link SchemaTransformer}). Compiled schemas are cached per document location and direction, so checking many
 * interactions of the same operation costs one compilation. Thread-safe: validations run in parallel, a
 * compilation alone.
 *
 * <p>The registry can load nothing: no remote fetching, and every IRI is blocked. Validation roots are
 * in-memory trees whose references all point inside themselves ({@code #/x-refs/...}).
 */
final class SchemaValidation {

    /** A value that does not satisfy its schema. */
    record Violation(List<String> instancePath, String specPointer, String message) {
    }

    private static final String BASE = "urn:covenant:schema:";

    /**
     * JSON Schema 2020-12 plus the two keywords {@link SchemaTransformer} writes for itself: the container of
     * referenced schemas and the discriminator tag's marker. Declared as non-validating, they are what they were as
     * unknown keywords (nothing to check), but the validator no longer warns "Unknown keyword x-refs - you should
     * define your own Meta Schema" at the first check of every run.
     */
    static final Dialect DIALECT = Dialect.builder(Draft202012.getInstance())
            .keyword(new NonValidationKeyword(SchemaTransformer.REFS))
            .keyword(new NonValidationKeyword(SchemaTransformer.DISCRIMINATOR_TAG))
            .build();

    private final Map<Direction, SchemaTransformer> transformers;
    private final SchemaRegistry registry;
    /** Asserts {@code format} too (date, date-time, uuid, email, uri, ipv4…): request values of a strict check. */
    private final SchemaRegistry requestRegistry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    SchemaValidation(JsonNode document) {
        this(document, false);
    }

    /**
     * @param requestFormats assert {@code format} in request values (a stub refuses {@code born=yesterday} for a
     *                       {@code date}, as Prism does); the pact check leaves formats as annotations, as the
     *                       comparator does, and responses are never held to them
     */
    SchemaValidation(JsonNode document, boolean requestFormats) {
        this.transformers = Map.of(
                Direction.REQUEST, new SchemaTransformer(document, Direction.REQUEST),
                Direction.RESPONSE, new SchemaTransformer(document, Direction.RESPONSE));
        this.registry = registry(false);
        this.requestRegistry = requestFormats ? registry(true) : registry;
    }

    private static SchemaRegistry registry(boolean formats) {
        return SchemaRegistry.withDefaultDialect(DIALECT, builder -> builder
                .schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                        .regularExpressionFactory(new BoundedRegularExpressions())
                        .formatAssertionsEnabled(formats)
                        .build())
                .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .block(iri -> true)));
    }

    /**
     * Every violation of {@code value} against the schema at {@code schemaPointer} (as Ajv reports with
     * {@code allErrors}, which the comparator uses), plus the {@code if} keyword itself once per failing
     * {@code then}/{@code else} branch. Empty when the value is valid.
     */
    List<Violation> validate(Direction direction, JsonNode schema, String schemaPointer, tools.jackson.databind.JsonNode value) {
        Schema compiledSchema;
        try {
            compiledSchema = compiled(direction, schema, schemaPointer);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            return List.of(); // a schema the validator cannot compile cannot be held against the pact
        }
        Lock reading = lock.readLock();
        reading.lock();
        try {
            return violations(direction, schemaPointer, compiledSchema, value);
        } finally {
            reading.unlock();
        }
    }

    /**
     * The compiled schema, compiling it under the write lock: compiling adds to the {@code x-refs} tree every
     * compiled schema reads (lazily, while validating), so no validation may run meanwhile. Once every schema a
     * document's requests use is compiled, checks of that document run in parallel.
     */
    private Schema compiled(Direction direction, JsonNode schema, String schemaPointer) {
        String key = direction + "|" + schemaPointer + "|" + System.identityHashCode(schema);
        Schema known = compiled.get(key);
        if (known != null) {
            return known;
        }
        Lock writing = lock.writeLock();
        writing.lock();
        try {
            return compiled.computeIfAbsent(key, k -> compile(direction, schema, k));
        } finally {
            writing.unlock();
        }
    }

    private List<Violation> violations(Direction direction, String schemaPointer, Schema compiledSchema,
                                       tools.jackson.databind.JsonNode value) {
        List<Error> errors;
        try {
            errors = compiledSchema.validate(value);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            return List.of(); // a schema the validator cannot compile cannot be held against the pact
        } catch (tools.jackson.core.JacksonException e) {
            // a value the validator cannot read (a number past every range): refused, not thrown
            return List.of(new Violation(List.of(), schemaPointer, "value cannot be checked against the schema: "
                    + e.getOriginalMessage()));
        }
        List<Violation> violations = new ArrayList<>();
        java.util.Set<String> branches = new java.util.LinkedHashSet<>();
        java.util.Set<List<String>> untagged = untaggedObjects(compiledSchema, errors);
        for (Error error : errors) {
            if ("unevaluatedProperties".equals(error.getKeyword())
                    && untagged.contains(instancePath(error.getInstanceLocation()))) {
                continue; // no branch was selected, so nothing was evaluated: the tag error says it all
            }
            String pointer = specPointer(direction, schemaPointer, error);
            List<String> at = instancePath(error.getInstanceLocation());
            String tag = tagOf(compiledSchema, error);
            if (tag != null) {
                pointer = pointer.replaceFirst("/allOf/\\d+/properties/[^/]+/enum$", "/discriminator");
                // the tag picks a branch for the object that carries it: the object is what failed (as Ajv and
                // the comparator report it), not the tag's value
                at = at.isEmpty() ? at : at.subList(0, at.size() - 1);
            }
            violations.add(new Violation(at, pointer, tag != null
                    ? "value of tag \"" + tag + "\" must be in oneOf" : message(error)));
            String branch = conditionalBranch(error.getEvaluationPath());
            if (branch != null && branches.add(branch + "|" + at)) {
                violations.add(new Violation(at, pointer, "must match \"" + branch + "\" schema"));
            }
        }
        return violations;
    }

    /** Objects whose discriminator tag named no branch (Ajv reports only the tag there). */
    private static java.util.Set<List<String>> untaggedObjects(Schema root, List<Error> errors) {
        java.util.Set<List<String>> objects = new java.util.HashSet<>();
        for (Error error : errors) {
            if (tagOf(root, error) != null) {
                List<String> path = instancePath(error.getInstanceLocation());
                objects.add(path.isEmpty() ? path : path.subList(0, path.size() - 1));
            }
        }
        return objects;
    }

    /** The discriminator tag name when the error is our tag check failing, else null. */
    private static String tagOf(Schema root, Error error) {
        if (!"enum".equals(error.getKeyword()) || error.getSchemaLocation() == null) {
            return null;
        }
        String fragment = error.getSchemaLocation().getFragment().toString();
        if (!fragment.startsWith("/") || !fragment.endsWith("/enum")) {
            return null;
        }
        tools.jackson.databind.JsonNode parent = root.getSchemaNode()
                .at(fragment.substring(0, fragment.length() - "/enum".length()));
        tools.jackson.databind.JsonNode tag = parent.get(SchemaTransformer.DISCRIMINATOR_TAG);
        return tag == null ? null : tag.asString();
    }

    /** Closed response objects are our doing, so say it in the pact's terms rather than the keyword's. */
    private static String message(Error error) {
        if ("unevaluatedProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            return "property '" + error.getProperty() + "' is not declared in the schema;"
                    + " a consumer may only rely on declared fields";
        }
        return error.getMessage();
    }

    private Schema compile(Direction direction, JsonNode schema, String key) {
        SchemaTransformer transformer = transformers.get(direction);
        tools.jackson.databind.JsonNode transformed = transformer.transform(schema);
        ObjectNode root;
        if (transformed instanceof ObjectNode object) {
            root = object;
        } else {
            root = Trees.J3.objectNode();
            root.putArray("allOf").add(transformed);
        }
        root.set(SchemaTransformer.REFS, transformer.refs());
        SchemaRegistry compiler = direction == Direction.REQUEST ? requestRegistry : registry;
        return compiler.getSchema(SchemaLocation.of(BASE + Integer.toHexString(key.hashCode())), root);
    }

    private static List<String> instancePath(NodePath path) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            tokens.add(String.valueOf(path.getElement(i)));
        }
        return tokens;
    }

    /** Maps the failing keyword's location back into the document, through {@code x-refs} when it went there. */
    private String specPointer(Direction direction, String schemaPointer, Error error) {
        String fragment = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().getFragment().toString();
        List<String> tokens = Pointers.tokens(fragment.startsWith("/") ? fragment : "");
        if (tokens.size() >= 2 && tokens.get(0).equals(SchemaTransformer.REFS)) {
            String origin = transformers.get(direction).origin(tokens.get(1));
            if (origin != null) {
                return origin + Pointers.of(tokens.subList(2, tokens.size()).toArray(String[]::new));
            }
        }
        return schemaPointer + Pointers.of(tokens.toArray(String[]::new));
    }

    private static String conditionalBranch(NodePath evaluationPath) {
        String branch = null;
        for (int i = 0; i < evaluationPath.getNameCount(); i++) {
            String name = String.valueOf(evaluationPath.getElement(i));
            if (name.equals("then") || name.equals("else")) {
                branch = name;
            }
        }
        return branch;
    }
}
