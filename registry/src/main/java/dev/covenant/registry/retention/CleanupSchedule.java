package dev.covenant.registry.retention;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the clean-up every {@code covenant.retention.interval} (off by default) with the configured selectors.
 * Each instance runs it; removal is idempotent, so two instances running at once remove each version once.
 */
@Component
class CleanupSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupSchedule.class);

    private final Cleanup cleanup;
    private final RetentionProperties properties;
    private final JsonMapper json;
    private volatile Disposable running;

    CleanupSchedule(Cleanup cleanup, RetentionProperties properties, JsonMapper json) {
        this.cleanup = cleanup;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void start() {
        if (!properties.scheduled()) {
            return;
        }
        CleanupRequest request = request();
        running = Flux.interval(properties.interval(), properties.interval())
                .onBackpressureDrop()
                .concatMap(tick -> cleanup.run(request)
                        .onErrorResume(e -> {
                            LOG.warn("Scheduled clean-up failed ({}); it runs again in {}. If this repeats, check the "
                                    + "store's health (/actuator/health)", e.toString(), properties.interval());
                            return Mono.empty();
                        }), 0)
                .subscribe();
        LOG.info("Clean-up scheduled every {} with {} keep selectors", properties.interval(), request.keep().size());
    }

    /** The scheduled run's request; a wrong selector in the configuration stops the start-up with its reason. */
    CleanupRequest request() {
        ObjectNode body = json.createObjectNode();
        ArrayNode keep = body.putArray("keep");
        for (Map<String, String> selector : properties.keep()) {
            ObjectNode node = keep.addObject();
            selector.forEach((field, value) -> {
                if ("true".equals(value) || "false".equals(value)) {
                    node.put(field, Boolean.parseBoolean(value));
                } else if (value.matches("\\d{1,9}")) {
                    node.put(field, Integer.parseInt(value));
                } else {
                    node.put(field, value);
                }
            });
        }
        if (properties.pruneHistoryDays() != null) {
            body.put("pruneHistoryDays", properties.pruneHistoryDays());
        }
        try {
            return CleanupRequest.parse(body, properties.maxVersions());
        } catch (RuntimeException e) {
            throw new IllegalStateException("covenant.retention.keep is not a valid list of keep selectors ("
                    + e.getMessage() + "); set e.g. covenant.retention.keep[0].mainBranch=true", e);
        }
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
