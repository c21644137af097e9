package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.OpenApiFormat;
import dev.covenant.contract.openapi.ParsedDocument;

/**
 * Document-vs-document compatibility: what changed from a base OpenAPI document to a revision, named with
 * oasdiff's rule ids and levels. Works on the JSON trees directly (local {@code $ref}s followed and
 * memoized), so an 11 MB description diffs in well under a second.
 */
public final class OpenApiDiff {

    private OpenApiDiff() {
    }

    /** Diffs two OpenAPI 3.x trees (a Swagger 2.0 tree is converted to the 3.0 shape first). */
    public static DiffReport diff(JsonNode base, JsonNode revision, DiffOptions options) {
        JsonNode from = SwaggerConversion.toOpenApi3(base);
        JsonNode to = SwaggerConversion.toOpenApi3(revision);
        DiffContext context = new DiffContext(from, to, options == null ? DiffOptions.defaults() : options,
                Rules.bundled());
        PathsDiff.compare(context);
        WebhooksDiff.compare(context);
        SecurityDiff.compareDocument(context);
        ComponentsDiff.compare(context);
        Versioning.check(context);
        return new DiffReport(OperationAttributes.attach(context.sink().findings(), context.base(),
                context.revision(), context.options()));
    }

    /** Diffs two loaded documents. */
    public static DiffReport diff(ParsedDocument base, ParsedDocument revision, DiffOptions options) {
        return diff(tree(base), tree(revision), options);
    }

    private static JsonNode tree(ParsedDocument document) {
        return document.format() == OpenApiFormat.SWAGGER_2_0 ? SwaggerConversion.convert(document.tree())
                : document.tree();
    }
}
