package dev.enterpriseconnect.scim.patch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.enterpriseconnect.scim.schema.ResourceSchema;
import dev.enterpriseconnect.scim.schema.ScimAttribute;

/**
 * The attributes a PATCH {@code path} may name on one resource type, and which of them are
 * read-only. A path naming anything else is {@code invalidPath} (RFC 7644 §3.5.2, §3.12), whatever
 * the operation: without it a {@code remove} of {@code "fooBar"} would succeed and change nothing.
 */
public final class PatchTargets {

    /** Every path resolves (the editor alone, without a resource type). */
    public static final PatchTargets ANY = new PatchTargets(null, Set.of("id", "meta", "schemas", "groups"), Map.of(),
            Map.of(), Set.of());

    /** RFC 7643 §3.1: on every resource, set by the server (externalId is the client's). */
    private static final List<String> COMMON_READ_ONLY = List.of("id", "meta", "schemas");

    /** Lower-cased core attribute names; null: any. */
    private final Set<String> core;
    private final Set<String> coreReadOnly;
    /** Lower-cased extension URN → lower-cased attribute names, or an empty set for "any attribute". */
    private final Map<String, Set<String>> extensions;
    private final Map<String, Set<String>> extensionReadOnly;
    /** "urn|attribute" (lower-cased; the core schema's urn empty) of every attribute the schemas say is single-valued. */
    private final Set<String> singleValued;

    private PatchTargets(Set<String> core, Set<String> coreReadOnly, Map<String, Set<String>> extensions,
            Map<String, Set<String>> extensionReadOnly, Set<String> singleValued) {
        this.core = core;
        this.coreReadOnly = coreReadOnly;
        this.extensions = extensions;
        this.extensionReadOnly = extensionReadOnly;
        this.singleValued = singleValued;
    }

    /** What the schemas say: the core schema's attributes (plus the common ones) and each extension's. */
    public static PatchTargets of(ResourceSchema coreSchema, Collection<ResourceSchema> extensionSchemas) {
        Set<String> names = new java.util.HashSet<>(lower(COMMON_READ_ONLY));
        names.add("externalid");
        Set<String> readOnly = new java.util.HashSet<>(lower(COMMON_READ_ONLY));
        Set<String> singleValued = new java.util.HashSet<>();
        for (ScimAttribute attribute : coreSchema.attributes()) {
            names.add(lowered(attribute.name()));
            if (attribute.readOnly()) {
                readOnly.add(lowered(attribute.name()));
            }
            if (!attribute.multiValued()) {
                singleValued.add(singleValuedKey(null, attribute.name()));
            }
        }
        for (ResourceSchema extension : extensionSchemas) {
            extension.attributes().stream().filter(a -> !a.multiValued())
                    .forEach(a -> singleValued.add(singleValuedKey(extension.id(), a.name())));
        }
        PatchTargets targets = new PatchTargets(Set.copyOf(names), Set.copyOf(readOnly), Map.of(), Map.of(),
                Set.copyOf(singleValued));
        for (ResourceSchema extension : extensionSchemas) {
            targets = extension.open() ? targets.withOpenExtension(extension.id())
                    : targets.withExtension(extension.id(), extension.attributes().stream().map(ScimAttribute::name)
                            .toList(), extension.attributes().stream().filter(ScimAttribute::readOnly)
                            .map(ScimAttribute::name).toList());
        }
        return targets;
    }

    /** @param core the core schema's attribute names, common attributes ({@code id}, {@code meta}...) included */
    public static PatchTargets of(Collection<String> core) {
        return new PatchTargets(lower(core), ANY.coreReadOnly, Map.of(), Map.of(), Set.of());
    }

    /** The same with an extension whose attributes are {@code attributes}. */
    public PatchTargets withExtension(String urn, Collection<String> attributes) {
        return withExtension(urn, attributes, List.of());
    }

    private PatchTargets withExtension(String urn, Collection<String> attributes, Collection<String> readOnly) {
        Map<String, Set<String>> more = new LinkedHashMap<>(extensions);
        more.put(lowered(urn), lower(attributes));
        Map<String, Set<String>> moreReadOnly = new LinkedHashMap<>(extensionReadOnly);
        moreReadOnly.put(lowered(urn), lower(readOnly));
        return new PatchTargets(core, coreReadOnly, more, moreReadOnly, singleValued);
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
        String name = lowered(attribute);
        if (schema == null) {
            return core.contains(name);
        }
        Set<String> names = extensions.get(lowered(schema));
        return names != null && (names.isEmpty() || names.contains(name));
    }

    /** Set by the server only: a client may resend its current value, never change it. */
    boolean readOnly(String schema, String attribute) {
        String name = lowered(attribute);
        if (schema == null) {
            return coreReadOnly.contains(name);
        }
        return extensionReadOnly.getOrDefault(lowered(schema), Set.of()).contains(name);
    }

    /** @param schema the extension URN, or null for the core schema */
    boolean singleValued(String schema, String attribute) {
        return singleValued.contains(singleValuedKey(schema, attribute));
    }

    private static String singleValuedKey(String schema, String attribute) {
        return (schema == null ? "" : lowered(schema)) + "|" + lowered(attribute);
    }

    private static String lowered(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(Collection<String> names) {
        return names.stream().map(PatchTargets::lowered).collect(Collectors.toUnmodifiableSet());
    }
}
