/**
 * Test support that a running registry offers only with {@code covenant.testing.provider-states=true}: provider
 * states for verifying the Pact Broker clients' own pacts against the registry ({@code POST
 * /_covenant/provider-states}) and the placeholder paths those pacts use. Nothing here is on by default, it is
 * refused in secured mode, and no other package imports it.
 */
package dev.covenant.registry.testing;
