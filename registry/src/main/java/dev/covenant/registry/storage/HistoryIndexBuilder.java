package dev.covenant.registry.storage;

import org.springframework.beans.factory.SmartInitializingSingleton;

/** Builds the history lists a store lacks (an upgrade) once every feature has declared its kinds, before requests. */
final class HistoryIndexBuilder implements SmartInitializingSingleton {

    private final HistoryIndex index;

    HistoryIndexBuilder(HistoryIndex index) {
        this.index = index;
    }

    @Override
    public void afterSingletonsInstantiated() {
        index.buildMissing();
    }
}
