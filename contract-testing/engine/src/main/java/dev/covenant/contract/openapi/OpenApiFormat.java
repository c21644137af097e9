package dev.covenant.contract.openapi;

/** The OpenAPI specification family a document is written in. */
public enum OpenApiFormat {
    SWAGGER_2_0,
    OPENAPI_3_0,
    OPENAPI_3_1;

    static OpenApiFormat of(String swaggerField, String openapiField) {
        if ("2.0".equals(swaggerField)) {
            return SWAGGER_2_0;
        }
        if (openapiField != null && openapiField.matches("3\\.0\\.\\d+(-.+)?")) {
            return OPENAPI_3_0;
        }
        if (openapiField != null && openapiField.matches("3\\.1\\.\\d+(-.+)?")) {
            return OPENAPI_3_1;
        }
        return null;
    }
}
