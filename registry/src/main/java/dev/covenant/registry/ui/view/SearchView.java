package dev.covenant.registry.ui.view;

import dev.covenant.registry.ui.model.SearchIndex.Entry;
import dev.covenant.registry.ui.model.SearchIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Search results: matching application names, then every place a name occurs, in the index's order. */
public record SearchView(String query, List<Hit> hits, boolean truncated, boolean indexReady) {

    public static final int LIMIT = 200;

    /**
     * One occurrence.
     *
     * @param href where to look at it: the API reference, or the pact for consumer fields
     */
    public record Hit(String kind, String name, String application, String version, String location, String href) {
    }

    public static SearchView of(String query, Collection<String> applications, List<Entry> entries, boolean indexReady) {
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        if (!wanted.isEmpty()) {
            applications.stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).contains(wanted))
                    .sorted(String.CASE_INSENSITIVE_ORDER)
                    .forEach(name -> hits.add(new Hit(SearchIndex.Kind.APPLICATION.label(), name, name, null,
                            "application", Paths.application(name))));
            for (Entry entry : entries) {
                hits.add(new Hit(entry.kind().label(), entry.name(), entry.application(), entry.version(),
                        entry.location(), href(entry)));
            }
        }
        boolean truncated = hits.size() > LIMIT;
        return new SearchView(query == null ? "" : query.strip(), truncated ? hits.subList(0, LIMIT) : hits,
                truncated, indexReady);
    }

    /** "1 place in 1 application", "200+ places in 3 applications": counts with their plurals. */
    public String summary() {
        long applications = hits.stream().map(Hit::application).distinct().count();
        String places = truncated ? hits.size() + "+ places" : count(hits.size(), "place", "places");
        return places + " in " + count(applications, "application", "applications");
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String href(Entry entry) {
        if (entry.kind() == SearchIndex.Kind.PACT_FIELD) {
            return Paths.pact(entry.provider(), entry.application(), entry.version());
        }
        return Paths.api(entry.application(), entry.version());
    }
}
