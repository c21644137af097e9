package dev.covenant.registry.storage;

/**
 * A name chosen by users (a branch) as a document field name: {@code .} and {@code $} would address nested fields
 * or operators, so they are percent-encoded, and {@code %} with them so that the encoding is reversible.
 */
public final class FieldNames {

    private FieldNames() {
    }

    public static String encode(String name) {
        return name.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    public static String decode(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
