package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;

/** UnboundID's SCIM 2 SDK, a client library from Maven Central, drives the whole /Users lifecycle. */
@ExtendWith(KeycloakServer.class)
class UnboundIdScimClientIT {

    @Test
    void aStandardScimClientCreatesFindsPatchesAndDeletesUsers(RunningKeycloak keycloak) throws Exception {
        String realm = keycloak.createRealm("sdk");
        Connector connector = keycloak.createConnector(realm, "sdk");
        // Jersey's default connector cannot send PATCH without this switch.
        Client client = ClientBuilder.newClient(new ClientConfig()
                .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true));
        client.register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + connector.token()));
        ScimService scim = new ScimService(client.target(connector.baseUrl()));

        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getFilter().isSupported());
        assertTrue(config.getPatch().isSupported());

        UserResource user = new UserResource().setUserName("sdk.user@acme.test")
                .setName(new Name().setGivenName("Sdk").setFamilyName("User"))
                .setEmails(new Email().setValue("sdk.user@acme.test").setType("work").setPrimary(true))
                .setActive(true);
        UserResource created = scim.create("Users", user);
        assertEquals("sdk.user@acme.test", created.getUserName());

        assertThrows(ResourceConflictException.class, () -> scim.create("Users", user));

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.eq("userName", "SDK.user@acme.test")).invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());

        UserResource patched = scim.modifyRequest("Users", created.getId())
                .replaceValue("title", "Architect").replaceValue("active", false).invoke(UserResource.class);
        assertEquals("Architect", patched.getTitle());
        assertFalse(patched.getActive());

        UserResource replaced = scim.replace(patched.setTitle("Chief Architect"));
        assertEquals("Chief Architect", scim.retrieve("Users", created.getId(), UserResource.class).getTitle());
        assertEquals(replaced.getId(), created.getId());

        scim.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
        client.close();
    }
}
