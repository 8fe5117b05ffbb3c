package dev.enterpriseconnect.scim.group;

/** A pushed group as the database holds it; members are loaded separately, and only when wanted. */
record GroupRecord(String id, String displayName, String externalId, Long createdTimestamp,
        Long lastModifiedTimestamp) {
}
