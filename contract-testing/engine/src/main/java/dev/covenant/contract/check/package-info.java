/**
 * Checks consumer pacts against a provider's OpenAPI document ({@link dev.covenant.contract.check.PactChecker}),
 * with openapi-pact-comparator's finding codes and severities.
 *
 * <p>Semantics, in order: each HTTP interaction is routed to an operation (templated paths whose parameters must
 * satisfy their schemas; literal paths first; under the document's server paths, Swagger 2.0 {@code basePath} or
 * a configured prefix). Unknown path or method stops there. Then the request: Accept against every media type the
 * operation produces, Content-Type against the request body's media types, and — unless the interaction's
 * response is a 4xx, i.e. the consumer describes a request the provider rejects — the body, the credentials the
 * operation's security requires (HTTP and API-key schemes; OAuth 2, OpenID Connect, mutual TLS and cookies are
 * assumed present), and query and header parameters (values parsed per style / collection format, then
 * schema-validated; undeclared ones are warnings). Then the response: status exact, then {@code 2XX}-style, then
 * {@code default} (a warning); declared headers validated, undeclared ones errors (well-known HTTP headers only a
 * warning); Content-Type against the status's media types; JSON bodies validated with the consumer allowed to omit
 * fields but not to rely on undeclared ones.
 *
 * <p>Bodies are validated with networknt's JSON Schema validator after {@code SchemaTransformer} rewrites the document's schemas into 2020-12; no schema is ever fetched.
 *
 * <p>Where Covenant deliberately differs from openapi-pact-comparator 2.3.1 (see docs/benchmarks/pact-check.md):
 * message and unknown interaction kinds are reported as {@code interaction.type.unsupported} warnings unless
 * {@link dev.covenant.contract.check.CheckOptions#comparatorCompatible()} is used; a path parameter declared
 * {@code oneOf: [integer, string]} accepts {@code 1}; {@code nullable: true} without a {@code type} adds
 * {@code null} rather than meaning "object or null".
 */
package dev.covenant.contract.check;
