package dev.covenant.contract.diff;

import java.util.List;

/**
 * Where a schema sits in an operation. oasdiff names schema rules by place ({@code request-body-…},
 * {@code request-property-…}, {@code response-body-…}, …) and judges them by direction, so the same keyword
 * change maps to different ids (and levels) depending on the scope.
 *
 * @param rootPrefix     prefix for changes of the schema itself
 * @param nestedPrefixes prefixes for changes of its properties and items, most specific first
 * @param request        whether clients write (request) or read (response) values of this schema
 * @param looselyTyped   the media type carries no JSON types (XML, form, text): type changes are compatible
 */
record SchemaScope(String rootPrefix, List<String> nestedPrefixes, boolean request, boolean looselyTyped) {

    static final SchemaScope REQUEST_BODY = new SchemaScope("request-body", List.of("request-property"), true, false);
    static final SchemaScope REQUEST_PARAMETER = new SchemaScope("request-parameter",
            List.of("request-parameter-property"), true, false);
    static final SchemaScope REQUEST_HEADER = new SchemaScope("request-parameter",
            List.of("request-header-property", "request-parameter-property"), true, false);
    static final SchemaScope RESPONSE_BODY = new SchemaScope("response-body", List.of("response-property"), false,
            false);
    static final SchemaScope RESPONSE_HEADER = new SchemaScope("response-header", List.of(), false, false);

    SchemaScope loosely(boolean loose) {
        return loose == looselyTyped ? this : new SchemaScope(rootPrefix, nestedPrefixes, request, loose);
    }

    boolean isParameter() {
        return rootPrefix.equals("request-parameter");
    }

    /** The rule id for a change suffix at this place, or null when oasdiff has no rule for it there. */
    String ruleId(String suffix, boolean nested, Rules rules) {
        if (!nested) {
            String special = rootSpecial(suffix);
            if (special != null && rules.contains(special)) {
                return special;
            }
            String id = rootPrefix + "-" + suffix;
            return rules.contains(id) ? id : null;
        }
        for (String prefix : nestedPrefixes) {
            String id = prefix + "-" + suffix;
            if (rules.contains(id)) {
                return id;
            }
        }
        return null;
    }

    private String rootSpecial(String suffix) {
        if (!request && rootPrefix.equals("response-body") && suffix.equals("enum-value-removed")) {
            return "response-mediatype-enum-value-removed";
        }
        return null;
    }
}
