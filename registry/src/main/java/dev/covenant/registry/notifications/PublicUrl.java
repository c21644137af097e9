package dev.covenant.registry.notifications;

import dev.covenant.registry.system.Links;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The registry's public base URL ({@code covenant.public-url}) for links in messages sent outside any request;
 * defaults to {@code http://localhost:<port>} once the server's port is known.
 */
@Component
public class PublicUrl {

    private final boolean configured;
    private volatile String base;

    PublicUrl(@Value("${covenant.public-url:}") String configured, @Value("${server.port:9292}") String port) {
        this.base = configured.isBlank() ? "http://localhost:" + port : configured;
        this.configured = !configured.isBlank();
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (!configured) {
            base = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    public Links links() {
        return Links.ofBase(base);
    }
}
