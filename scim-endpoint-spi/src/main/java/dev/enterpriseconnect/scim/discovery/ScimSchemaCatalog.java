package dev.enterpriseconnect.scim.discovery;

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

/**
 * The RFC 7643 §7 schema documents this server publishes at {@code /Schemas}.
 *
 * <p>{@link #standard()} holds the built-in core User, enterprise User extension, our read-only invitation
 * extension and core Group
 * schemas, read once from {@code scim/schemas/*.json} on the classpath. A catalog is immutable;
 * {@link #with(Collection)} returns a new one that also holds further (e.g. custom extension)
 * schema documents. Every document handed out is a deep copy, so callers may decorate it freely.
 */
public final class ScimSchemaCatalog {

    private static final String RESOURCE_DIR = "/scim/schemas/";
    private static final List<String> BUILT_IN = List.of("user.json", "enterprise-user.json", "invitation-user.json",
            "group.json");

    private static final ScimSchemaCatalog STANDARD = new ScimSchemaCatalog(Map.of()).with(loadBuiltIns());

    /** Keyed by lower-cased id; insertion order is publication order. */
    private final Map<String, ObjectNode> schemas;

    private ScimSchemaCatalog(Map<String, ObjectNode> schemas) {
        this.schemas = schemas;
    }

    /** The built-in core User, enterprise User and core Group schemas. */
    public static ScimSchemaCatalog standard() {
        return STANDARD;
    }

    /**
     * A catalog holding this one's schemas followed by {@code additional}. Each document must be an
     * object with a non-blank string {@code id} and an {@code attributes} array; ids must be unique
     * (case-insensitively) across the result. The documents are copied, not kept.
     *
     * @throws IllegalArgumentException if a document is malformed or its id is already present
     */
    public ScimSchemaCatalog with(Collection<? extends ObjectNode> additional) {
        Map<String, ObjectNode> merged = new LinkedHashMap<>(schemas);
        for (ObjectNode schema : additional) {
            String id = requireValid(schema);
            if (merged.putIfAbsent(key(id), schema.deepCopy()) != null) {
                throw new IllegalArgumentException("Duplicate SCIM schema id " + id);
            }
        }
        return new ScimSchemaCatalog(Collections.unmodifiableMap(merged));
    }

    /** Deep copies of every schema document, in publication order. */
    public List<ObjectNode> all() {
        List<ObjectNode> copies = new ArrayList<>(schemas.size());
        schemas.values().forEach(schema -> copies.add(schema.deepCopy()));
        return copies;
    }

    /** A deep copy of the schema whose id equals {@code urn}, ignoring case. */
    public Optional<ObjectNode> byId(String urn) {
        if (urn == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(schemas.get(key(urn))).map(ObjectNode::deepCopy);
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static String requireValid(ObjectNode schema) {
        JsonNode id = schema == null ? null : schema.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException("SCIM schema document has no id");
        }
        JsonNode attributes = schema.get("attributes");
        if (attributes == null || !attributes.isArray()) {
            throw new IllegalArgumentException("SCIM schema " + id.asText() + " has no attributes array");
        }
        return id.asText();
    }

    private static List<ObjectNode> loadBuiltIns() {
        ObjectMapper mapper = new ObjectMapper();
        List<ObjectNode> loaded = new ArrayList<>(BUILT_IN.size());
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
                loaded.add((ObjectNode) node);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
        return loaded;
    }
}
