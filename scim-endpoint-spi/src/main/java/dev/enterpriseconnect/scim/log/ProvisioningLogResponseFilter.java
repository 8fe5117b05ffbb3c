package dev.enterpriseconnect.scim.log;

import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the log row of a SCIM request once its answer (status, error body) is known, whichever
 * way it was produced: a resource's response, a SCIM error, a bare failure. Response filters run
 * by descending priority, so this one (user priority) runs before Keycloak's own filter that
 * commits the request's transaction (priority 1): the row of a committed request is in that
 * transaction. Requests that are not SCIM requests of a logged connector pass untouched.
 */
@Provider
public class ProvisioningLogResponseFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        ScimRequestLog log = session == null ? null : ScimRequestLog.current(session);
        if (log == null) {
            return;
        }
        session.removeAttribute(ScimRequestLog.ATTRIBUTE);
        ProvisioningLog.record(session, log.toEntity(response.getStatus(), response.getEntity()));
    }
}
