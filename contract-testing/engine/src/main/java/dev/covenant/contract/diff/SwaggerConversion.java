package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;

/**
 * Brings Swagger 2.0 trees into the OpenAPI 3.0 shape with swagger-parser's converter, so that one diff
 * handles every version. Only 2.0 documents pay for it; references stay references.
 */
final class SwaggerConversion {

    private SwaggerConversion() {
    }

    static JsonNode toOpenApi3(JsonNode tree) {
        return tree.path("swagger").asText("").equals("2.0") ? convert(tree) : tree;
    }

    static JsonNode convert(JsonNode swagger) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        options.setValidateExternalRefs(false);
        options.setSafelyResolveURL(true);
        options.setRemoteRefBlockList(List.of("*"));
        SwaggerParseResult result = new SwaggerConverter().readContents(swagger.toString(), null, options);
        OpenAPI openApi = result == null ? null : result.getOpenAPI();
        if (openApi == null) {
            throw new IllegalArgumentException("the Swagger 2.0 document could not be converted: "
                    + (result == null ? "no result" : result.getMessages()));
        }
        return Json.mapper().valueToTree(openApi);
    }
}
