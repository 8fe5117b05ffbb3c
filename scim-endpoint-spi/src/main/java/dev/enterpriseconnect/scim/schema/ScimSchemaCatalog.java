package dev.enterpriseconnect.scim.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * The schemas this server keeps, as data: core User, enterprise User, our read-only invitation
 * and access extensions and core Group, read once from {@code scim/schemas/*.json}, plus what a connector or
 * realm adds or changes ({@link #with}, {@link #withOpenExtensions}, {@link #forRealm}). The
 * user and group mappings, PATCH path resolution, filter validation and {@code /Schemas} all read a
 * catalog, so what is published is what is kept.
 *
 * <p>A catalog is immutable. JSON handed out is built fresh on every call, so callers may decorate it.
 */
public final class ScimSchemaCatalog {

    private static final String RESOURCE_DIR = "/scim/schemas/";
    private static final List<String> BUILT_IN = List.of("user.json", "enterprise-user.json", "invitation-user.json",
            "access-user.json", "group.json");

    private static final ScimSchemaCatalog STANDARD = new ScimSchemaCatalog(Map.of()).with(loadBuiltIns());

    /** Keyed by lower-cased id; insertion order is publication order. */
    private final Map<String, ResourceSchema> schemas;

    private ScimSchemaCatalog(Map<String, ResourceSchema> schemas) {
        this.schemas = schemas;
    }

    /** The built-in schemas, as the JSON files state them. */
    public static ScimSchemaCatalog standard() {
        return STANDARD;
    }

    /**
     * A catalog holding this one's schemas followed by {@code additional} schema documents. Each must
     * be an object with a non-blank string {@code id} and an {@code attributes} array; ids must be
     * unique (case-insensitively) across the result.
     *
     * @throws IllegalArgumentException if a document is malformed or its id is already present
     */
    public ScimSchemaCatalog with(Collection<? extends JsonNode> additional) {
        List<ResourceSchema> parsed = new ArrayList<>();
        for (JsonNode document : additional) {
            parsed.add(ResourceSchema.fromJson(document));
        }
        return withSchemas(parsed);
    }

    /** A connector's custom extensions: their attributes are whatever the IdP sends, kept as sent. */
    public ScimSchemaCatalog withOpenExtensions(Collection<String> urns) {
        if (urns.isEmpty()) {
            return this;
        }
        return withSchemas(urns.stream().map(urn -> ResourceSchema.open(urn,
                "Custom extension configured on this connector; its attributes are kept as sent")).toList());
    }

    /**
     * The catalog as one realm keeps users: with duplicate emails refused, {@code emails.value} is
     * unique across the realm ({@code server}, RFC 7643 §2.2), otherwise {@code none}.
     */
    public ScimSchemaCatalog forRealm(boolean duplicateEmailsAllowed) {
        if (this == STANDARD) {
            // Every SCIM request asks for one of these two; they are built once.
            return duplicateEmailsAllowed ? StandardForRealm.DUPLICATE_EMAILS : StandardForRealm.UNIQUE_EMAILS;
        }
        return withEmailUniqueness(duplicateEmailsAllowed);
    }

    private ScimSchemaCatalog withEmailUniqueness(boolean duplicateEmailsAllowed) {
        String uniqueness = duplicateEmailsAllowed ? "none" : "server";
        return replace(ScimSchemas.USER, user -> user.withAttribute("emails",
                emails -> emails.withSub("value", value -> value.withUniqueness(uniqueness))));
    }

    /** Holder: built on first use, after {@link #STANDARD} exists. */
    private static final class StandardForRealm {
        static final ScimSchemaCatalog UNIQUE_EMAILS = STANDARD.withEmailUniqueness(false);
        static final ScimSchemaCatalog DUPLICATE_EMAILS = STANDARD.withEmailUniqueness(true);
    }

    /** This catalog with schema {@code urn} changed by {@code change}. */
    public ScimSchemaCatalog replace(String urn, java.util.function.UnaryOperator<ResourceSchema> change) {
        Map<String, ResourceSchema> copy = new LinkedHashMap<>(schemas);
        copy.computeIfPresent(key(urn), (k, schema) -> change.apply(schema));
        return new ScimSchemaCatalog(Collections.unmodifiableMap(copy));
    }

    private ScimSchemaCatalog withSchemas(List<ResourceSchema> additional) {
        Map<String, ResourceSchema> merged = new LinkedHashMap<>(schemas);
        for (ResourceSchema schema : additional) {
            if (merged.putIfAbsent(key(schema.id()), schema) != null) {
                throw new IllegalArgumentException("Duplicate SCIM schema id " + schema.id());
            }
        }
        return new ScimSchemaCatalog(Collections.unmodifiableMap(merged));
    }

    /** Every schema, in publication order. */
    public List<ResourceSchema> schemas() {
        return List.copyOf(schemas.values());
    }

    public Optional<ResourceSchema> schema(String urn) {
        return urn == null ? Optional.empty() : Optional.ofNullable(schemas.get(key(urn)));
    }

    /** The core User schema. */
    public ResourceSchema user() {
        return schema(ScimSchemas.USER).orElseThrow();
    }

    /** The core Group schema. */
    public ResourceSchema group() {
        return schema(ScimSchemas.GROUP).orElseThrow();
    }

    /** The schemas that extend User: enterprise, invitation and the connector's custom ones. */
    public List<ResourceSchema> userExtensions() {
        return schemas.values().stream()
                .filter(s -> !s.id().equalsIgnoreCase(ScimSchemas.USER) && !s.id().equalsIgnoreCase(ScimSchemas.GROUP))
                .toList();
    }

    /** Every schema as its RFC 7643 §7 document with {@code meta.resourceType}, in publication order. */
    public List<ObjectNode> all() {
        return schemas.values().stream().map(ScimSchemaCatalog::document).toList();
    }

    /** The document of the schema whose id equals {@code urn}, ignoring case. */
    public Optional<ObjectNode> byId(String urn) {
        return schema(urn).map(ScimSchemaCatalog::document);
    }

    private static ObjectNode document(ResourceSchema schema) {
        ObjectNode json = schema.toJson();
        json.putObject("meta").put("resourceType", "Schema");
        return json;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static List<JsonNode> loadBuiltIns() {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> loaded = new ArrayList<>(BUILT_IN.size());
        for (String file : BUILT_IN) {
            String resource = RESOURCE_DIR + file;
            try (InputStream in = ScimSchemaCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing classpath resource " + resource);
                }
                JsonNode node = mapper.readTree(in);
                if (node == null || !node.isObject()) {
                    throw new IllegalStateException(resource + " is not a JSON object");
                }
                loaded.add(node);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
        return loaded;
    }
}
