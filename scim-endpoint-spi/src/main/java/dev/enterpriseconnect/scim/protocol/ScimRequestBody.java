package dev.enterpriseconnect.scim.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * Reads a request body up to a limit, refusing a larger one with 413 before it is parsed: a
 * declared {@code Content-Length} over the limit is refused unread, and a chunked body stops being
 * read at the limit. So no number of concurrent large bodies can exhaust the heap.
 */
public final class ScimRequestBody {

    private ScimRequestBody() {
    }

    /** @param setting the connector setting that sets the limit, named in the error */
    public static String read(InputStream body, HttpHeaders headers, int limit, String setting) {
        requireJson(headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        String declared = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw tooLarge(limit, setting);
                }
            } catch (NumberFormatException ignored) {
                // The container has already rejected a malformed length; read with the limit below.
            }
        }
        if (body == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        try {
            int total = 0;
            int read;
            while ((read = body.read(buffer, 0, (int) Math.min(buffer.length, (long) limit + 1 - total))) > 0) {
                total += read;
                if (total > limit) {
                    throw tooLarge(limit, setting);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The request body could not be read: " + e.getMessage());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A body must be {@code application/scim+json} or {@code application/json} (any parameters,
     * e.g. {@code charset}); anything else is 415 before the body is read. A body sent without a
     * Content-Type is read as JSON.
     */
    static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw ScimException.unsupportedMediaType(contentType);
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals(ScimSchemas.MEDIA_TYPE) || type.equals("application/json");
    }

    private static ScimException tooLarge(int limit, String setting) {
        return ScimException.of(413, null, "The request is larger than " + setting + " (" + limit + " bytes)");
    }
}
