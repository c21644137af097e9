package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.Locale;
import java.util.Map;

/** Compares the {@code content} maps of request bodies and responses. */
final class MediaTypes {

    /** Names of the rules for one side: {@code request-body} or {@code response}. */
    record Names(String removed, String added, String schemaAdded, String schemaRemoved, SchemaScope scope,
                 String where) {
    }

    static final Names REQUEST = new Names("request-body-media-type-removed", "request-body-media-type-added",
            "request-body-media-type-schema-added", "request-body-media-type-schema-removed",
            SchemaScope.REQUEST_BODY, "request body");
    static final Names RESPONSE = new Names("response-media-type-removed", "response-media-type-added",
            "response-body-media-type-schema-added", "response-body-media-type-schema-removed",
            SchemaScope.RESPONSE_BODY, "response");

    private MediaTypes() {
    }

    static void compare(DiffContext context, String operation, Names names, String where, JsonNode from,
                        String fromPointer, JsonNode to, String toPointer) {
        for (var fields = from.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String mediaType = field.getKey();
            String location = where + " " + mediaType;
            String basePointer = fromPointer + "/" + Pointers.escape(mediaType);
            JsonNode now = to.get(mediaType);
            if (now == null) {
                context.sink().addAt(names.removed(), operation, location, basePointer, null,
                        where + ": media type " + mediaType + " was removed", Map.of("mediaType", mediaType));
                continue;
            }
            String revisionPointer = toPointer + "/" + Pointers.escape(mediaType);
            JsonNode fromSchema = field.getValue().get("schema");
            JsonNode toSchema = now.get("schema");
            if (fromSchema == null && toSchema != null) {
                context.sink().addAt(names.schemaAdded(), operation, location, basePointer, revisionPointer + "/schema",
                        where + " " + mediaType + ": a schema was added");
            } else if (fromSchema != null && toSchema == null) {
                context.sink().addAt(names.schemaRemoved(), operation, location, basePointer + "/schema", revisionPointer,
                        where + " " + mediaType + ": the schema was removed");
            } else if (fromSchema != null) {
                context.compareSchemas(operation, location, location, names.scope().loosely(looselyTyped(mediaType)),
                        new RefResolver.Located(fromSchema, basePointer + "/schema"),
                        new RefResolver.Located(toSchema, revisionPointer + "/schema"));
            }
        }
        for (var mediaTypes = to.fieldNames(); mediaTypes.hasNext(); ) {
            String mediaType = mediaTypes.next();
            if (!from.has(mediaType)) {
                context.sink().addAt(names.added(), operation, where + " " + mediaType, null,
                        toPointer + "/" + Pointers.escape(mediaType),
                        where + ": media type " + mediaType + " was added", Map.of("mediaType", mediaType));
            }
        }
    }

    /** XML and plain text carry no JSON types: a type change there changes no bytes a client parses. */
    private static boolean looselyTyped(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        return type.contains("xml") || type.startsWith("text/plain");
    }
}
