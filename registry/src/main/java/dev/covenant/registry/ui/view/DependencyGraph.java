package dev.covenant.registry.ui.view;

import dev.covenant.registry.ui.model.Edge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependency graph as SVG, laid out on the server: applications in columns (consumers left of the providers
 * they call, so requests flow left to right), ordered within a column to shorten edges, contracts as curves
 * coloured by their verification status. Every node links to its application, every edge to its pact.
 */
public final class DependencyGraph {

    static final int NODE_WIDTH = 200;
    static final int NODE_HEIGHT = 28;
    static final int ROW_PITCH = 40;
    static final int COLUMN_PITCH = NODE_WIDTH + 180;
    static final int MARGIN = 20;
    private static final int MAX_LABEL = 26;

    /** Where a node is drawn. */
    private record Place(int column, int row) {
    }

    private final List<Edge> edges;
    private final Map<String, Place> places = new HashMap<>();
    private final List<List<String>> columns = new ArrayList<>();

    private DependencyGraph(Collection<Edge> edges) {
        this.edges = edges.stream().sorted(Comparator.comparing(Edge::key)).toList();
        layout();
    }

    public static DependencyGraph of(Collection<Edge> edges) {
        return new DependencyGraph(edges);
    }

    public int nodes() {
        return places.size();
    }

    int width() {
        return Math.max(1, columns.size()) * COLUMN_PITCH - (COLUMN_PITCH - NODE_WIDTH) + 2 * MARGIN;
    }

    int height() {
        int rows = columns.stream().mapToInt(List::size).max().orElse(1);
        return rows * ROW_PITCH - (ROW_PITCH - NODE_HEIGHT) + 2 * MARGIN;
    }

    private void layout() {
        Map<String, Set<String>> providers = new HashMap<>();
        Set<String> names = new TreeSet<>();
        for (Edge edge : edges) {
            names.add(edge.consumer());
            names.add(edge.provider());
            providers.computeIfAbsent(edge.consumer(), name -> new TreeSet<>()).add(edge.provider());
        }
        Map<String, Integer> levels = new HashMap<>();
        for (String name : names) {
            level(name, providers, levels, new HashSet<>());
        }
        int highest = levels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 0; i <= highest; i++) {
            columns.add(new ArrayList<>());
        }
        for (String name : names) {
            columns.get(highest - levels.get(name)).add(name);
        }
        positions();
        for (int sweep = 0; sweep < 4; sweep++) {
            for (List<String> column : columns) {
                column.sort(Comparator.comparingDouble(this::barycenter).thenComparing(Comparator.naturalOrder()));
            }
            positions();
        }
    }

    /** Longest chain of providers below an application; a cycle counts as the end of the chain. */
    private static int level(String name, Map<String, Set<String>> providers, Map<String, Integer> levels,
            Set<String> visiting) {
        Integer known = levels.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            return 0;
        }
        int level = 0;
        for (String provider : providers.getOrDefault(name, Set.of())) {
            if (!provider.equals(name)) {
                level = Math.max(level, 1 + level(provider, providers, levels, visiting));
            }
        }
        visiting.remove(name);
        levels.put(name, level);
        return level;
    }

    private void positions() {
        for (int column = 0; column < columns.size(); column++) {
            List<String> names = columns.get(column);
            for (int row = 0; row < names.size(); row++) {
                places.put(names.get(row), new Place(column, row));
            }
        }
    }

    private double barycenter(String name) {
        double sum = 0;
        int count = 0;
        for (Edge edge : edges) {
            String other = edge.consumer().equals(name) ? edge.provider() : edge.provider().equals(name) ? edge.consumer() : null;
            if (other != null && !other.equals(name)) {
                sum += y(other);
                count++;
            }
        }
        return count == 0 ? y(name) : sum / count;
    }

    private int x(String name) {
        return MARGIN + places.get(name).column() * COLUMN_PITCH;
    }

    private int y(String name) {
        Place place = places.get(name);
        int rows = columns.get(place.column()).size();
        int tallest = columns.stream().mapToInt(List::size).max().orElse(1);
        int offset = (tallest - rows) * ROW_PITCH / 2;
        return MARGIN + offset + place.row() * ROW_PITCH;
    }

    /** The SVG document (also embedded inline in the graph page). */
    public String svg() {
        StringBuilder svg = new StringBuilder(4096 + edges.size() * 400);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" role=\"img\" aria-labelledby=\"graph-title\"")
                .append(" width=\"").append(width()).append("\" height=\"").append(height())
                .append("\" viewBox=\"0 0 ").append(width()).append(' ').append(height()).append("\">")
                .append("<title id=\"graph-title\">Dependency graph: ").append(places.size()).append(" applications, ")
                .append(edges.size()).append(" contracts</title><defs>");
        for (Edge.Status status : Edge.Status.values()) {
            svg.append("<marker id=\"arrow-").append(status.css()).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                    .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                    .append(status.colour()).append("\"/></marker>");
        }
        svg.append("</defs><g class=\"edges\">");
        for (Edge edge : edges) {
            edge(svg, edge);
        }
        svg.append("</g><g class=\"nodes\">");
        for (List<String> column : columns) {
            for (String name : column) {
                node(svg, name);
            }
        }
        return svg.append("</g></svg>").toString();
    }

    private void edge(StringBuilder svg, Edge edge) {
        int cx = x(edge.consumer());
        int px = x(edge.provider());
        int cy = y(edge.consumer()) + NODE_HEIGHT / 2;
        int py = y(edge.provider()) + NODE_HEIGHT / 2;
        boolean forward = px > cx;
        int x1 = forward ? cx + NODE_WIDTH : cx;
        int x2 = forward ? px : px + NODE_WIDTH;
        int bend = Math.max(40, Math.abs(x2 - x1) / 2);
        int c1 = forward ? x1 + bend : x1 - bend;
        int c2 = forward ? x2 - bend : x2 + bend;
        Edge.Status status = edge.status();
        svg.append("<a href=\"").append(escape(Paths.pact(edge.provider(), edge.consumer(), null)))
                .append("\" class=\"edge edge-").append(status.css()).append("\"><title>")
                .append(escape(edge.consumer() + " → " + edge.provider() + ": " + status.label()
                        + " (consumer version " + edge.consumerVersion() + ")")).append("</title>")
                .append("<path d=\"M").append(x1).append(',').append(cy).append(" C").append(c1).append(',').append(cy)
                .append(' ').append(c2).append(',').append(py).append(' ').append(x2).append(',').append(py)
                .append("\" fill=\"none\" stroke=\"").append(status.colour()).append("\" stroke-width=\"1.6\"")
                .append(status == Edge.Status.UNVERIFIED ? " stroke-dasharray=\"5 4\"" : "")
                .append(" marker-end=\"url(#arrow-").append(status.css()).append(")\"/></a>");
    }

    private void node(StringBuilder svg, String name) {
        int x = x(name);
        int y = y(name);
        String label = name.length() > MAX_LABEL ? name.substring(0, MAX_LABEL - 1) + "…" : name;
        svg.append("<a href=\"").append(escape(Paths.application(name))).append("\" class=\"node\"><title>")
                .append(escape(name)).append("</title><rect x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(NODE_WIDTH).append("\" height=\"").append(NODE_HEIGHT)
                .append("\" rx=\"5\" fill=\"#ffffff\" stroke=\"#57606a\"/><text x=\"").append(x + 10).append("\" y=\"")
                .append(y + 19).append("\" font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"#1f2328\">")
                .append(escape(label)).append("</text></a>");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
