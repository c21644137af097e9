package dev.covenant.registry.ui.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data dictionary behind the catalog's search: every application name, operation, path, schema field and
 * pact field, keyed by its lower-cased name. Entries are replaced per owner (one document, one pact) when that
 * owner is published again, so a query looks at distinct names, never at stored documents.
 */
public final class SearchIndex {

    /** What a name is. The order is the order results are listed in. */
    public enum Kind {
        APPLICATION("application"), OPERATION("operation"), PATH("path"), FIELD("schema field"),
        PARAMETER("parameter"), PACT_FIELD("used by a consumer");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One occurrence of a name.
     *
     * @param application the application whose document or pact holds it
     * @param version     that document's or pact's version
     * @param provider    for pact fields, the provider the consumer reads it from; otherwise null
     * @param location    where, for a person: {@code GET /orders/{id} → 200 response}, {@code schema Order}
     */
    public record Entry(Kind kind, String name, String application, String version, String provider, String location) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<Entry>> byOwner = new HashMap<>();
    private final Map<String, List<Entry>> byName = new HashMap<>();

    /** Replaces everything an owner (e.g. {@code doc:inventory}) contributed. */
    void replace(String owner, Collection<Entry> entries) {
        List<Entry> copy = List.copyOf(entries);
        lock.writeLock().lock();
        try {
            List<Entry> previous = byOwner.put(owner, copy);
            if (previous != null) {
                for (Entry entry : previous) {
                    List<Entry> named = byName.get(key(entry.name()));
                    if (named != null) {
                        named.removeIf(candidate -> candidate == entry);
                        if (named.isEmpty()) {
                            byName.remove(key(entry.name()));
                        }
                    }
                }
            }
            for (Entry entry : copy) {
                byName.computeIfAbsent(key(entry.name()), name -> new ArrayList<>()).add(entry);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether an owner has contributed anything. */
    boolean has(String owner) {
        lock.readLock().lock();
        try {
            return byOwner.containsKey(owner);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Distinct names indexed. */
    int names() {
        lock.readLock().lock();
        try {
            return byName.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Entries whose name contains the query (case-insensitive): exact names first, then names starting with it,
     * then the rest; within each, by kind, application and name.
     */
    List<Entry> search(String query, int limit) {
        String wanted = query == null ? "" : key(query.strip());
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<List<Entry>> ranks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        lock.readLock().lock();
        try {
            for (Map.Entry<String, List<Entry>> named : byName.entrySet()) {
                String name = named.getKey();
                if (name.contains(wanted)) {
                    int rank = name.equals(wanted) ? 0 : name.startsWith(wanted) ? 1 : 2;
                    ranks.get(rank).addAll(named.getValue());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        Comparator<Entry> order = Comparator.comparing(Entry::kind).thenComparing(Entry::application)
                .thenComparing(Entry::name).thenComparing(Entry::location);
        List<Entry> results = new ArrayList<>();
        for (List<Entry> rank : ranks) {
            rank.sort(order);
            for (Entry entry : rank) {
                if (results.size() >= limit) {
                    return results;
                }
                results.add(entry);
            }
        }
        return results;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
