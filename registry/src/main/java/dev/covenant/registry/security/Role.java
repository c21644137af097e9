package dev.covenant.registry.security;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a token may do; each role includes the ones before it. */
public enum Role {
    /** Every GET, and asking for the pacts to verify. */
    READ,
    /** Publishing documents, pacts, verification results and deployments for its team's applications. */
    PUBLISH,
    /** Teams, tokens, environments, global webhooks, deletes, the audit log. */
    ADMIN;

    /** The role's name in the API and in authorities: {@code read}, {@code publish}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role as given in the API, or null when it is none of them. */
    static Role parse(String text) {
        for (Role role : values()) {
            if (role.id().equals(text)) {
                return role;
            }
        }
        return null;
    }

    List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values())
                .filter(role -> role.ordinal() <= ordinal())
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.id()))
                .toList();
    }

    boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }
}
