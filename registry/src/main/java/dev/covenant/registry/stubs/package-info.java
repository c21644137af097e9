/**
 * Stub servers from published documents: {@code /stubs/{application}/{ref}/…} answers as the document selected by
 * {@code ref} says the provider would (the engine's {@code dev.covenant.contract.stub}), so consumers build before
 * the provider exists.
 */
package dev.covenant.registry.stubs;
