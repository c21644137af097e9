package dev.covenant.contract.diff;

/**
 * One entry of oasdiff's rule vocabulary.
 *
 * @param id        stable id
 * @param level     ERR, WARN or INFO
 * @param direction request, response or none
 * @param area      e.g. paths, parameters, request-body, schema, security
 * @param kind      e.g. existence, type, constraint, lifecycle
 * @param action    add, remove, change, increase, decrease, set, …
 */
public record Rule(String id, Level level, String direction, String area, String kind, String action) {
}
