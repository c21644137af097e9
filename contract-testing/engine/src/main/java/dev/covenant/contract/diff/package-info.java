/**
 * Document-vs-document compatibility: {@link dev.covenant.contract.diff.OpenApiDiff} compares two OpenAPI
 * documents on their JSON trees and names every change with an oasdiff rule id and level
 * ({@link dev.covenant.contract.diff.Rules}); {@link dev.covenant.contract.diff.CompatibilityCheck} applies
 * schema-registry compatibility levels on top. Why it is our own: {@code docs/adr/0001-own-compatibility-engine.md}.
 */
package dev.covenant.contract.diff;
