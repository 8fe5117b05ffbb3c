package dev.enterpriseconnect.console.idp;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A signing certificate from IdP metadata, as the administrator needs to see it: whose, and until when. */
public record SigningCertificate(String subject, Instant notAfter) {

    /** Keycloak keeps a SAML provider's certificates as comma-separated base64 DER ({@code signingCertificate}). */
    public static List<SigningCertificate> parseAll(String commaSeparated) {
        List<SigningCertificate> certificates = new ArrayList<>();
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return certificates;
        }
        for (String encoded : commaSeparated.split(",")) {
            String compact = encoded.replaceAll("\\s+", "");
            if (!compact.isEmpty()) {
                certificates.add(parse(compact));
            }
        }
        return certificates;
    }

    static SigningCertificate parse(String base64) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            return new SigningCertificate(certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant());
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The metadata's signing certificate is not a valid X.509 certificate");
        }
    }

    public boolean expiredAt(Instant now) {
        return notAfter.isBefore(now);
    }
}
