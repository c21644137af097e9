/**
 * The pact file model (specification V1 to V4) shared by the checker and the registry: {@link
 * dev.covenant.contract.pact.Pacts#parse} reads a bounded JSON tree into {@link dev.covenant.contract.pact.Pact}
 * records, {@link dev.covenant.contract.pact.Pacts#verificationHash} gives the content address of what a provider
 * must verify.
 */
package dev.covenant.contract.pact;
