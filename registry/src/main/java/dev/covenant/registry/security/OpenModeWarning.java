package dev.covenant.registry.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says loudly, once the registry is up, when anyone who can reach it may change everything. */
@Component
class OpenModeWarning {

    private static final Logger log = LoggerFactory.getLogger(OpenModeWarning.class);

    private final SecurityProperties properties;

    OpenModeWarning(SecurityProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        if (!properties.secured()) {
            log.warn("""
                    Covenant is running in OPEN mode: anyone who can reach this port can publish, change and delete \
                    contracts, without credentials. Fine on one machine; anywhere else, secure it: set \
                    COVENANT_SECURITY_MODE=secured and COVENANT_ADMIN_TOKEN=<a long random secret>, then create \
                    tokens with POST /admin/tokens (see docs/operations.md, "Security").""");
        } else if (properties.adminToken() == null) {
            log.warn("Covenant is secured without a bootstrap admin token (COVENANT_ADMIN_TOKEN): only tokens already "
                    + "stored can be used");
        } else {
            log.info("Covenant is secured: requests need a token (bearer or HTTP basic)");
        }
    }
}
