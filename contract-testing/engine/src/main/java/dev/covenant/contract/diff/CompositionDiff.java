package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code allOf}, {@code anyOf}, {@code oneOf} and the discriminator. Sub-schemas are matched by reference
 * name, then by equal content, then by position; matched pairs are compared in depth, the rest are
 * reported as added or removed.
 */
final class CompositionDiff {

    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "example", "examples",
            "deprecated", "readOnly", "writeOnly", "default", "$comment", "externalDocs");

    private CompositionDiff() {
    }

    static void compare(SchemaDiff diff, SchemaChanges c) {
        members(diff, c, "allOf", "all-of");
        members(diff, c, "anyOf", "any-of");
        members(diff, c, "oneOf", "one-of");
        Discriminators.compare(c, c.base().get("discriminator"), c.revision().get("discriminator"));
    }

    /**
     * oasdiff's oneOf wrapping: a concrete object schema (properties, no oneOf) became a oneOf of alternatives
     * (no type or properties of its own) that carry at least one of its properties. The properties moved rather
     * than went away, so this is one change, not a type change, oneOf members added and properties removed.
     */
    static boolean isOneOfWrapping(SchemaDiff diff, JsonNode base, JsonNode revision) {
        JsonNode properties = base.path("properties");
        if (base.has("oneOf") || !properties.isObject() || properties.isEmpty()) {
            return false;
        }
        JsonNode alternatives = revision.get("oneOf");
        if (alternatives == null || !alternatives.isArray() || alternatives.isEmpty() || revision.has("type")
                || revision.path("properties").size() > 0) {
            return false;
        }
        for (JsonNode alternative : alternatives) {
            JsonNode resolved = diff.revisionResolver().resolve(alternative, null).node();
            for (var names = properties.fieldNames(); names.hasNext(); ) {
                if (resolved.path("properties").has(names.next())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reports a oneOf wrapping: {@code …-body-wrapped-in-one-of} where oasdiff has that id; elsewhere (a
     * property) the members read as oneOf members added, which is how oasdiff reports it there.
     */
    static void wrapped(SchemaDiff diff, SchemaChanges c) {
        if (c.scope().ruleId("wrapped-in-one-of", c.nested(), c.rules()) != null) {
            c.emit("wrapped-in-one-of", "oneOf", "the schema was wrapped in oneOf (its properties moved into "
                    + c.revision().path("oneOf").size() + " alternatives)");
        } else {
            members(diff, c, "oneOf", "one-of");
        }
    }

    private static void members(SchemaDiff diff, SchemaChanges c, String keyword, String suffix) {
        JsonNode from = c.base().get(keyword);
        JsonNode to = c.revision().get(keyword);
        if (from == null && to == null) {
            return;
        }
        if (!keyword.equals("allOf") && (SchemaTypes.isTypeList(from, diff.baseResolver())
                || SchemaTypes.isTypeList(to, diff.revisionResolver()))) {
            return; // a list of types: SchemaTypes reports it as widened or narrowed
        }
        List<Integer> baseLeft = indexes(from);
        List<Integer> revisionLeft = indexes(to);
        List<int[]> pairs = new ArrayList<>();
        match(from, to, baseLeft, revisionLeft, pairs, true);
        match(from, to, baseLeft, revisionLeft, pairs, false);
        pairRenamed(diff, from, to, baseLeft, revisionLeft, pairs);
        String basePath = SchemaChanges.at(c.baseLocated(), keyword);
        String revisionPath = SchemaChanges.at(c.revisionLocated(), keyword);
        if (diff.options().matchInlineRefs() || diff.options().matchRenamedRefs()) {
            pairEquivalent(diff, c, from, to, basePath, revisionPath, baseLeft, revisionLeft, pairs);
        }
        pairInline(from, to, baseLeft, revisionLeft, pairs);
        for (int i : revisionLeft) {
            JsonNode member = to.get(i);
            String name = describe(member, i);
            if (annotationOnly(c, keyword, member, "-added-annotation-only")) {
                // constrains nothing: reported under its own (INFO) id instead of the plain one
                c.emit(suffix + "-added-annotation-only", keyword, "annotation-only " + keyword + " member " + name
                        + " was added", memberDetails(member, name));
            } else {
                c.emit(suffix + "-added", keyword, keyword + " member " + name + " was added",
                        memberDetails(member, name));
            }
        }
        for (int i : baseLeft) {
            JsonNode member = from.get(i);
            String name = describe(member, i);
            if (annotationOnly(c, keyword, member, "-removed-annotation-only")) {
                c.emit(suffix + "-removed-annotation-only", keyword, "annotation-only " + keyword + " member "
                        + name + " was removed", memberDetails(member, name));
            } else {
                c.emit(suffix + "-removed", keyword, keyword + " member " + name + " was removed",
                        memberDetails(member, name));
            }
        }
        for (int[] pair : pairs) {
            c.addAll(diff.compare(c.scope(), c.nested() || !keyword.equals("allOf"),
                    new RefResolver.Located(from.get(pair[0]), pointer(basePath, pair[0])),
                    new RefResolver.Located(to.get(pair[1]), pointer(revisionPath, pair[1]))), "");
        }
    }

    private static List<Integer> indexes(JsonNode members) {
        List<Integer> indexes = new ArrayList<>();
        if (members != null && members.isArray()) {
            for (int i = 0; i < members.size(); i++) {
                if (!isNullType(members.get(i))) {
                    indexes.add(i);
                }
            }
        }
        return indexes;
    }

    private static boolean isNullType(JsonNode member) {
        return member.path("type").asText("").equals("null") && member.size() == 1;
    }

    /** Pairs members with the same reference name ({@code byRef}) or with equal inline content. */
    private static void match(JsonNode from, JsonNode to, List<Integer> baseLeft, List<Integer> revisionLeft,
                              List<int[]> pairs, boolean byRef) {
        for (var it = baseLeft.iterator(); it.hasNext(); ) {
            int i = it.next();
            JsonNode member = from.get(i);
            String ref = RefResolver.refName(member);
            if (byRef != (ref != null)) {
                continue;
            }
            for (var jt = revisionLeft.iterator(); jt.hasNext(); ) {
                int j = jt.next();
                JsonNode candidate = to.get(j);
                boolean same = byRef ? ref.equals(RefResolver.refName(candidate))
                        : RefResolver.refName(candidate) == null && member.equals(candidate);
                if (same) {
                    pairs.add(new int[] {i, j});
                    it.remove();
                    jt.remove();
                    break;
                }
            }
        }
    }

    /**
     * Two references left over are one member renamed when the base's component is gone from the revision, the
     * revision's is new, and both have the same content (every reference inside followed): a rename alone changes
     * nothing a client sees, so this holds with the default options. A member that now points at another
     * component both documents have is a different member, whatever its content (oasdiff's
     * TestRequestBodyAnyOfMultiMediaTypeDetails), and members whose content differs keep the name as their
     * identity, unless {@link DiffOptions#matchRenamedRefs()} asks for more.
     */
    private static void pairRenamed(SchemaDiff diff, JsonNode from, JsonNode to, List<Integer> baseLeft,
                                    List<Integer> revisionLeft, List<int[]> pairs) {
        for (var it = baseLeft.iterator(); it.hasNext(); ) {
            int i = it.next();
            if (RefResolver.refName(from.get(i)) == null) {
                continue;
            }
            for (var jt = revisionLeft.iterator(); jt.hasNext(); ) {
                int j = jt.next();
                if (RefResolver.refName(to.get(j)) != null
                        && diff.revisionResolver().resolve(from.get(i), null).isMissing()
                        && diff.baseResolver().resolve(to.get(j), null).isMissing()
                        && diff.sameRenamed(from.get(i), to.get(j))) {
                    pairs.add(new int[] {i, j});
                    it.remove();
                    jt.remove();
                    break;
                }
            }
        }
    }

    /**
     * An inline member and a referenced one left over that compare without a change are the same member
     * written differently (an inline schema moved into a component, or back). Two references with different
     * names stay two members, as in oasdiff (TestRequestBodyAnyOfMultiMediaTypeDetails), where the name is the
     * member's identity, unless {@link DiffOptions#matchRenamedRefs()} says a renamed component is the same.
     */
    private static void pairEquivalent(SchemaDiff diff, SchemaChanges c, JsonNode from, JsonNode to, String basePath,
                                       String revisionPath, List<Integer> baseLeft, List<Integer> revisionLeft,
                                       List<int[]> pairs) {
        for (var it = baseLeft.iterator(); it.hasNext(); ) {
            int i = it.next();
            for (var jt = revisionLeft.iterator(); jt.hasNext(); ) {
                int j = jt.next();
                boolean baseRef = RefResolver.refName(from.get(i)) != null;
                boolean revisionRef = RefResolver.refName(to.get(j)) != null;
                boolean allowed = baseRef != revisionRef ? diff.options().matchInlineRefs()
                        : baseRef && diff.options().matchRenamedRefs();
                if (!allowed) {
                    continue;
                }
                if (diff.compare(c.scope(), c.nested(), new RefResolver.Located(from.get(i), pointer(basePath, i)),
                        new RefResolver.Located(to.get(j), pointer(revisionPath, j))).isEmpty()) {
                    pairs.add(new int[] {i, j});
                    it.remove();
                    jt.remove();
                    break;
                }
            }
        }
    }

    /** Inline members left on both sides are taken as edited versions of each other, in order. */
    private static void pairInline(JsonNode from, JsonNode to, List<Integer> baseLeft, List<Integer> revisionLeft,
                                   List<int[]> pairs) {
        var it = baseLeft.iterator();
        while (it.hasNext()) {
            int i = it.next();
            if (RefResolver.refName(from.get(i)) != null) {
                continue;
            }
            for (var jt = revisionLeft.iterator(); jt.hasNext(); ) {
                int j = jt.next();
                if (RefResolver.refName(to.get(j)) == null) {
                    pairs.add(new int[] {i, j});
                    it.remove();
                    jt.remove();
                    break;
                }
            }
        }
    }

    /** An allOf member of annotations only, where oasdiff has an annotation-only id for it. */
    private static boolean annotationOnly(SchemaChanges c, String keyword, JsonNode member, String idSuffix) {
        return keyword.equals("allOf") && c.scope().ruleId("all-of" + idSuffix, c.nested(), c.rules()) != null
                && annotationOnly(member);
    }

    private static boolean annotationOnly(JsonNode member) {
        if (member.has("$ref") || member.isEmpty()) {
            return false;
        }
        for (var names = member.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ANNOTATIONS.contains(name) && !name.startsWith("x-")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The member's name for people, and for the fingerprint a key that does not move with its position: the
     * reference name, or for an inline member a hash of its content (Jackson's, independent of key order).
     */
    private static Map<String, Object> memberDetails(JsonNode member, String name) {
        String ref = RefResolver.refName(member);
        return Map.of("member", name,
                "memberKey", ref != null ? ref : "inline:" + Integer.toHexString(member.hashCode()));
    }

    private static String describe(JsonNode member, int index) {
        String ref = RefResolver.refName(member);
        return ref != null ? ref : "#" + index;
    }

    private static String pointer(String keywordPointer, int index) {
        return keywordPointer == null ? null : keywordPointer + "/" + index;
    }
}
