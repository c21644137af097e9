package dev.covenant.registry.events;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the periodic housekeeping (outbox recovery) of the event log. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventsConfiguration {
}
