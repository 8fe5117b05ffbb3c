package dev.enterpriseconnect.scim.sourceoftruth;

import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningState;
import dev.enterpriseconnect.scim.user.ScimUserAttributes;

/**
 * The attributes that record what a connector provisioned and did; nobody edits them by hand.
 * The purge deadline is not one of them: an administrator may postpone or cancel a purge.
 */
final class ProvisionedRecord {

    private ProvisionedRecord() {
    }

    static boolean holds(String attribute) {
        return attribute.startsWith(ScimUserAttributes.PREFIX)
                || attribute.equals(SourceOfTruth.MANAGED_BY) || attribute.equals(SourceOfTruth.DETACHED_FROM)
                || attribute.equals(DeprovisioningState.DELETED_BY_CONNECTOR);
    }
}
