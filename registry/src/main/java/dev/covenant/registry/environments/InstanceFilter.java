package dev.covenant.registry.environments;

import java.util.Objects;
import org.springframework.util.MultiValueMap;

/**
 * The optional {@code applicationInstance} (or legacy {@code target}) query filter: absent means any instance,
 * blank means the deployments without an instance.
 */
record InstanceFilter(boolean given, String instance) {

    static InstanceFilter of(MultiValueMap<String, String> query) {
        String value = query.containsKey("applicationInstance") ? query.getFirst("applicationInstance")
                : query.getFirst("target");
        if (!query.containsKey("applicationInstance") && !query.containsKey("target")) {
            return new InstanceFilter(false, null);
        }
        return new InstanceFilter(true, value == null || value.isBlank() ? null : value);
    }

    boolean matches(Deployment deployment) {
        return !given || Objects.equals(instance, deployment.applicationInstance());
    }
}
