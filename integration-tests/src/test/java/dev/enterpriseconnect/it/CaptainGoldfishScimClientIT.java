package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import de.captaingoldfish.scim.sdk.client.ScimClientConfig;
import de.captaingoldfish.scim.sdk.client.ScimRequestBuilder;
import de.captaingoldfish.scim.sdk.client.response.ServerResponse;
import de.captaingoldfish.scim.sdk.common.constants.EndpointPaths;
import de.captaingoldfish.scim.sdk.common.constants.enums.Comparator;
import de.captaingoldfish.scim.sdk.common.constants.enums.PatchOp;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.Name;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Email;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Member;
import de.captaingoldfish.scim.sdk.common.response.ListResponse;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;

/**
 * A second SCIM client library from Maven Central (Captain Goldfish's SCIM SDK, besides UnboundID's)
 * provisions people and a team the way an IdP would: what it sends, it reads back.
 */
@ExtendWith(KeycloakServer.class)
class CaptainGoldfishScimClientIT {

    @Test
    void anotherScimClientLibraryCreatesPatchesListsAndDeletesUsersAndGroups(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("goldfish");
        Connector connector = keycloak.createConnector(realm, "goldfish");
        ScimClientConfig config = ScimClientConfig.builder()
                .httpHeaders(Map.of("Authorization", "Bearer " + connector.token())).build();
        try (ScimRequestBuilder scim = new ScimRequestBuilder(connector.baseUrl().toString(), config)) {
            ServiceProvider provider = scim.loadServiceProviderConfiguration();
            assertTrue(provider.getPatchConfig().isSupported());
            assertTrue(provider.getFilterConfig().isSupported());

            User sent = User.builder().userName("Goldie.Fish@acme.test")
                    .name(Name.builder().givenName("Goldie").familyName("Fish").build())
                    .emails(List.of(Email.builder().value("goldie.fish@acme.test").type("work").primary(true).build()))
                    .active(true).build();
            ServerResponse<User> created = scim.create(User.class, EndpointPaths.USERS).setResource(sent).sendRequest();
            assertEquals(201, created.getHttpStatus(), created.getResponseBody());
            String id = created.getResource().getId().orElseThrow();
            assertEquals("Goldie.Fish@acme.test", created.getResource().getUserName().orElseThrow(), "userName as sent");

            ServerResponse<User> again = scim.create(User.class, EndpointPaths.USERS).setResource(sent).sendRequest();
            assertEquals(409, again.getHttpStatus());
            assertEquals("uniqueness", again.getErrorResponse().getScimType().orElseThrow());

            ServerResponse<ListResponse<User>> found = scim.list(User.class, EndpointPaths.USERS)
                    .filter("userName", Comparator.EQ, "goldie.fish@acme.test").build().get().sendRequest();
            assertEquals(200, found.getHttpStatus(), found.getResponseBody());
            assertEquals(1, found.getResource().getTotalResults(), "userName compares case-insensitively");
            assertEquals(id, found.getResource().getListedResources().get(0).getId().orElseThrow());

            ServerResponse<User> patched = scim.patch(User.class, EndpointPaths.USERS, id)
                    .addOperation().op(PatchOp.REPLACE).path("title").value("Aquarist")
                    .next().op(PatchOp.REPLACE).path("active").valueNode(com.fasterxml.jackson.databind.node.BooleanNode.FALSE)
                    .build().sendRequest();
            assertEquals(200, patched.getHttpStatus(), patched.getResponseBody());
            User read = scim.get(User.class, EndpointPaths.USERS, id).sendRequest().getResource();
            assertEquals("Aquarist", read.getTitle().orElseThrow());
            assertFalse(read.isActive().orElseThrow());

            Group team = Group.builder().displayName("Aquarium")
                    .members(List.of(Member.builder().value(id).build())).build();
            ServerResponse<Group> group = scim.create(Group.class, EndpointPaths.GROUPS).setResource(team).sendRequest();
            assertEquals(201, group.getHttpStatus(), group.getResponseBody());
            String groupId = group.getResource().getId().orElseThrow();
            assertEquals(List.of(id), group.getResource().getMembers().stream().map(m -> m.getValue().orElseThrow()).toList());

            ServerResponse<Group> emptied = scim.patch(Group.class, EndpointPaths.GROUPS, groupId)
                    .addOperation().op(PatchOp.REMOVE).path("members[value eq \"" + id + "\"]").build().sendRequest();
            // RFC 7644 §3.5.2: 204 without the (possibly huge) member list; the SDK counts only 200 as success.
            assertEquals(204, emptied.getHttpStatus(), emptied.getResponseBody());
            assertTrue(scim.get(Group.class, EndpointPaths.GROUPS, groupId).sendRequest().getResource().getMembers().isEmpty(),
                    "the member left the team");

            assertEquals(204, scim.delete(Group.class, EndpointPaths.GROUPS, groupId).sendRequest().getHttpStatus());
            assertEquals(204, scim.delete(User.class, EndpointPaths.USERS, id).sendRequest().getHttpStatus());
            ServerResponse<User> gone = scim.get(User.class, EndpointPaths.USERS, id).sendRequest();
            assertEquals(404, gone.getHttpStatus());
            assertEquals(404, scim.get(Group.class, EndpointPaths.GROUPS, groupId).sendRequest().getHttpStatus());
        }
    }
}
