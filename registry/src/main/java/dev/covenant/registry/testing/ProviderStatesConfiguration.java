package dev.covenant.registry.testing;

import dev.covenant.registry.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.util.IdGenerator;

/**
 * Switches the provider-state support on ({@code covenant.testing.provider-states=true}), and refuses to start
 * in secured mode: a state change empties the store, which no shared registry may allow.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ProviderStatesConfiguration.SWITCH, havingValue = "true")
class ProviderStatesConfiguration {

    static final String SWITCH = "covenant.testing.provider-states";

    ProviderStatesConfiguration(SecurityProperties security) {
        if (security.mode() == SecurityProperties.Mode.SECURED) {
            throw new IllegalStateException(SWITCH + "=true lets any caller empty the store and is refused in "
                    + "secured mode; remove the property (it is for verifying pacts in tests only) or run in open mode");
        }
    }

    /** Ids the next records get, so a state can create the environment the pacts name by its uuid. */
    @Bean
    @Primary
    PinnedIds pinnedIds(IdGenerator generated) {
        return new PinnedIds(generated);
    }
}
