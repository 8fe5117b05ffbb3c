package dev.enterpriseconnect.lifecycle.events;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;

/**
 * Adds the lifecycle listener to a realm's event listeners (Realm settings → Events → Event
 * listeners) when a connector is created there, so an admin disabling a user revokes access
 * without a further setup step. Admin events need not be saved for this: Keycloak hands them to
 * the realm's listeners either way.
 */
public final class LifecycleListenerEnrollment {

    private LifecycleListenerEnrollment() {
    }

    /** @return whether the listener was added */
    public static boolean ensureEnabled(RealmModel realm) {
        Set<String> listeners = realm.getEventsListenersStream().collect(Collectors.toCollection(LinkedHashSet::new));
        if (!listeners.add(LifecycleEventListenerFactory.ID)) {
            return false;
        }
        realm.setEventsListeners(listeners);
        return true;
    }
}
