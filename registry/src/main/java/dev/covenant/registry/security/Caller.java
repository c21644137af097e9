package dev.covenant.registry.security;

/**
 * Who is calling: a token's name, role and (for publish tokens) team. In open mode every request is
 * {@link #ANONYMOUS}, which may do everything.
 */
public record Caller(String name, Role role, String team) {

    /** The caller in open mode. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.ADMIN, null);

    /** Exchange attribute holding the authenticated caller (set by authentication, read by the audit log). */
    static final String ATTRIBUTE = Caller.class.getName();
}
