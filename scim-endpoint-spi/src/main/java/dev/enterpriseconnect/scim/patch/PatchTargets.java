package dev.enterpriseconnect.scim.patch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The attributes a PATCH {@code path} may name on one resource type: a path naming anything else
 * is {@code invalidPath} (RFC 7644 §3.5.2, §3.12), whatever the operation. Without it a
 * {@code remove} of {@code "fooBar"} would succeed and change nothing.
 */
public final class PatchTargets {

    /** Every path resolves (the editor alone, without a resource type). */
    public static final PatchTargets ANY = new PatchTargets(null, Map.of());

    /** Lower-cased core attribute names; null: any. */
    private final Set<String> core;
    /** Lower-cased extension URN → lower-cased attribute names, or an empty set for "any attribute". */
    private final Map<String, Set<String>> extensions;

    private PatchTargets(Set<String> core, Map<String, Set<String>> extensions) {
        this.core = core;
        this.extensions = extensions;
    }

    /** @param core the core schema's attribute names, common attributes ({@code id}, {@code meta}...) included */
    public static PatchTargets of(Collection<String> core) {
        return new PatchTargets(lower(core), Map.of());
    }

    /** The same with an extension whose attributes are {@code attributes}. */
    public PatchTargets withExtension(String urn, Collection<String> attributes) {
        Map<String, Set<String>> more = new LinkedHashMap<>(extensions);
        more.put(urn.toLowerCase(Locale.ROOT), lower(attributes));
        return new PatchTargets(core, more);
    }

    /** The same with an extension that holds whatever attributes the client sends. */
    public PatchTargets withOpenExtension(String urn) {
        return withExtension(urn, Set.of());
    }

    /** @param schema the extension URN, or null for the core schema */
    boolean has(String schema, String attribute) {
        if (core == null) {
            return true;
        }
        String name = attribute.toLowerCase(Locale.ROOT);
        if (schema == null) {
            return core.contains(name);
        }
        Set<String> names = extensions.get(schema.toLowerCase(Locale.ROOT));
        return names != null && (names.isEmpty() || names.contains(name));
    }

    private static Set<String> lower(Collection<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
