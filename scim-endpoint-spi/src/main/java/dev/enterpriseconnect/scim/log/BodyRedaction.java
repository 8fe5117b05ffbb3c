package dev.enterpriseconnect.scim.log;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.enterpriseconnect.scim.protocol.ScimJson;

/**
 * A request body as the log keeps it: values of passwords, secrets, tokens and the connector's
 * redacted attributes replaced, wherever they sit (top level, an extension, a PATCH value or a
 * PATCH {@code path}), and the text cut to a bounded size. A body that is not JSON is not kept,
 * since nothing in it could be redacted with certainty.
 */
public final class BodyRedaction {

    public static final String REDACTED = "[redacted]";
    /** Characters of a body the log keeps; SCIM bodies of one user are far smaller. */
    public static final int MAX_BODY = 8_192;

    private final Set<String> attributes;

    public BodyRedaction(Set<String> redactedAttributes) {
        this.attributes = redactedAttributes;
    }

    public String apply(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode json = ScimJson.parseStored(body);
        if (json == null || !(json.isObject() || json.isArray())) {
            return "[not JSON, " + body.length() + " characters, not kept]";
        }
        return apply(json);
    }

    /** A parsed body, redacted in place and written out. */
    public String apply(JsonNode json) {
        redact(json);
        String text = ScimJson.write(json);
        return text.length() <= MAX_BODY ? text : text.substring(0, MAX_BODY) + "…[cut at " + MAX_BODY + " of "
                + text.length() + " characters]";
    }

    /** Whether values under this attribute name (any case, any URN prefix) are left out. */
    public boolean redacts(String name) {
        String attribute = leaf(name);
        return attribute.equals("password") || attribute.contains("secret") || attribute.contains("token")
                || attribute.contains("credential") || attributes.contains(attribute);
    }

    private void redact(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(this::redact);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        // A PATCH operation names its attribute in "path": its value is the attribute's value.
        JsonNode path = object.get("path");
        if (path != null && path.isTextual() && object.has("value") && redacts(path.asText())) {
            object.set("value", TextNode.valueOf(REDACTED));
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (redacts(field.getKey())) {
                field.setValue(TextNode.valueOf(REDACTED));
            } else {
                redact(field.getValue());
            }
        }
    }

    /**
     * The attribute a name or PATCH path is about, lower-cased: {@code employeeNumber} from
     * {@code urn:…:enterprise:2.0:User:employeeNumber}, {@code phoneNumbers} from
     * {@code phoneNumbers[type eq "work"].value}.
     */
    static String leaf(String name) {
        String attribute = name;
        int filter = attribute.indexOf('[');
        if (filter >= 0) {
            attribute = attribute.substring(0, filter);
        }
        if (attribute.startsWith("urn:")) {
            attribute = attribute.substring(attribute.lastIndexOf(':') + 1);
        }
        int dot = attribute.indexOf('.');
        if (dot >= 0) {
            attribute = attribute.substring(0, dot);
        }
        return attribute.toLowerCase(Locale.ROOT);
    }
}
