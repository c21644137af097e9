package dev.covenant.registry;

/** The small "Items" OpenAPI document tests publish, with or without the {@code quantity} field consumers read. */
public final class ItemsDocument {

    private ItemsDocument() {
    }

    public static String json(String version, boolean withQuantity) {
        return """
                {"openapi": "3.0.3", "info": {"title": "Items", "version": "%s"},
                 "paths": {"/items/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "an item", "content": {"application/json": {"schema": {
                     "type": "object", "required": ["id"%s],
                     "properties": {"id": {"type": "string"}, "name": {"type": "string"}%s}}}}}}}}}}
                """.formatted(version, withQuantity ? ", \"quantity\"" : "",
                withQuantity ? ", \"quantity\": {\"type\": \"integer\"}" : "");
    }
}
