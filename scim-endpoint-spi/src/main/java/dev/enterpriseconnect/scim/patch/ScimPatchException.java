package dev.enterpriseconnect.scim.patch;

import dev.enterpriseconnect.scim.protocol.ScimException;

/**
 * A PATCH request that cannot be applied (RFC 7644 §3.5.2, §3.12). Always a 400 with a
 * {@code scimType}; thrown before anything is returned, so a request applies fully or not at all.
 */
public final class ScimPatchException extends RuntimeException {

    private final String scimType;

    public ScimPatchException(String scimType, String detail) {
        super(detail);
        this.scimType = scimType;
    }

    static ScimPatchException invalidSyntax(String detail) {
        return new ScimPatchException("invalidSyntax", detail);
    }

    static ScimPatchException invalidPath(String detail) {
        return new ScimPatchException("invalidPath", detail);
    }

    static ScimPatchException noTarget(String detail) {
        return new ScimPatchException("noTarget", detail);
    }

    static ScimPatchException invalidValue(String detail) {
        return new ScimPatchException("invalidValue", detail);
    }

    static ScimPatchException mutability(String detail) {
        return new ScimPatchException("mutability", detail);
    }

    /** One of {@code invalidSyntax}, {@code invalidPath}, {@code noTarget}, {@code invalidValue}, {@code mutability}. */
    public String scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    /** The HTTP error the endpoint should answer with. */
    public ScimException toScimException() {
        return ScimException.of(400, scimType, getMessage());
    }
}
