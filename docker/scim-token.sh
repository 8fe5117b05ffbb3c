#!/bin/sh
# The first SCIM secret of the Docker demo: rotates the secret of the demo connector (default
# okta, realm acme) through the admin API and prints its SCIM base URL and token. Run it again
# for a new token; the previous one stops working at once. Needs curl and sed.
#   sh docker/scim-token.sh [connector]    (KC=http://localhost:8080 REALM=acme by default)
set -eu
KC=${KC:-http://localhost:8080}
REALM=${REALM:-acme}
CONNECTOR=${1:-okta}

admin_token=$(curl -fsS -d grant_type=password -d client_id=admin-cli \
  -d username="${KC_ADMIN:-admin}" -d password="${KC_ADMIN_PASSWORD:-admin}" \
  "$KC/realms/master/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

# Connectors are realm components: find the connector's id by its name.
id=$(curl -fsS -H "Authorization: Bearer $admin_token" \
  "$KC/admin/realms/$REALM/components?type=dev.enterpriseconnect.scim.connector.ScimConnectorProvider&name=$CONNECTOR" \
  | sed -nE 's/^\[\{"id":"([^"]+)".*/\1/p')
if [ -z "$id" ]; then
  echo "No SCIM connector named $CONNECTOR in realm $REALM at $KC" >&2
  exit 1
fi

answer=$(curl -fsS -X POST -H "Authorization: Bearer $admin_token" \
  "$KC/admin/realms/$REALM/scim-connectors/$id/rotate-secret")
echo "SCIM base URL : $(echo "$answer" | sed -E 's/.*"scimBaseUrl":"([^"]+)".*/\1/')"
echo "SCIM token    : $(echo "$answer" | sed -E 's/.*"token":"([^"]+)".*/\1/')"
