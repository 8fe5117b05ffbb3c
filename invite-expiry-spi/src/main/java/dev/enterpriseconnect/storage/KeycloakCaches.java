package dev.enterpriseconnect.storage;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Makes this session read a user or group from the database instead of Keycloak's cache. Needed
 * after taking a row lock: Keycloak invalidates its cache only after the writer's commit, so for
 * a moment after the lock is released the cache still holds what that writer replaced. Reached by
 * name, like {@link KeycloakDatabase}: the cache classes' artifacts do not resolve from Maven
 * Central. Without a cache (or another one), this does nothing and the provider reads through.
 */
public final class KeycloakCaches {

    private static final Map<Class<?>, Method> USER_EVICT = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Method> GROUP_INVALIDATE = new ConcurrentHashMap<>();
    private static final Method NONE;

    static {
        try {
            NONE = Object.class.getMethod("hashCode");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KeycloakCaches() {
    }

    /** Later reads of this user in this session come from the database. */
    public static void bypassForUser(KeycloakSession session, RealmModel realm, UserModel user) {
        Object cache = session.users();
        invoke(USER_EVICT, cache, "evict", new Class<?>[] {RealmModel.class, UserModel.class}, realm, user);
    }

    /** Later reads of this group in this session come from the database. */
    public static void bypassForGroup(KeycloakSession session, String groupId) {
        Object cache = session.groups();
        invoke(GROUP_INVALIDATE, cache, "registerGroupInvalidation", new Class<?>[] {String.class}, groupId);
    }

    private static void invoke(Map<Class<?>, Method> methods, Object target, String name, Class<?>[] types,
            Object... arguments) {
        Method method = methods.computeIfAbsent(target.getClass(), type -> {
            try {
                return type.getMethod(name, types);
            } catch (NoSuchMethodException notACache) {
                return NONE;
            }
        });
        if (method == NONE) {
            return;
        }
        try {
            method.invoke(target, arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot bypass Keycloak's cache", e);
        }
    }
}
