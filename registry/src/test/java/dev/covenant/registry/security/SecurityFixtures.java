package dev.covenant.registry.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small valid inputs for the secured-mode tests. */
final class SecurityFixtures {

    static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Items, version: '1'}
            paths:
              /items/{id}:
                get:
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses:
                    '200': {description: an item}
            """;

    private SecurityFixtures() {
    }

    static String pact(String consumer, String provider) {
        return """
                {"consumer":{"name":"%s"},"provider":{"name":"%s"},
                 "interactions":[{"description":"a request for item 1","request":{"method":"GET","path":"/items/1"},
                   "response":{"status":200}}],
                 "metadata":{"pactSpecification":{"version":"2.0.0"}}}""".formatted(consumer, provider);
    }

    static String contractsPublish(String consumer, String provider, String version) {
        String content = Base64.getEncoder().encodeToString(pact(consumer, provider).getBytes(StandardCharsets.UTF_8));
        return """
                {"pacticipantName":"%s","pacticipantVersionNumber":"%s","branch":"main",
                 "contracts":[{"consumerName":"%s","providerName":"%s","specification":"pact",
                   "contentType":"application/json","content":"%s"}]}""".formatted(consumer, version, consumer, provider,
                content);
    }

    static String providerContract(String version) {
        String content = Base64.getEncoder().encodeToString(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        return """
                {"pacticipantVersionNumber":"%s","branch":"main",
                 "contract":{"content":"%s","contentType":"application/yaml","specification":"oas"}}"""
                .formatted(version, content);
    }

    /** The body of PactFlow's older {@code PUT /contracts/provider/{p}/version/{v}}. */
    static String olderProviderContract() {
        String content = Base64.getEncoder().encodeToString(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        return "{\"content\":\"" + content + "\",\"contractType\":\"oas\",\"contentType\":\"application/yaml\"}";
    }
}
