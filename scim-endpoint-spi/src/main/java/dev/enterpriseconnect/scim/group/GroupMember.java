package dev.enterpriseconnect.scim.group;

/** One member of a pushed group: a user id and its userName. */
record GroupMember(String id, String userName) {
}
