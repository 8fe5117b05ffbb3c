package dev.enterpriseconnect.lifecycle.sweep;

import org.keycloak.provider.Provider;

/** Nothing to call per request: the SPI exists so the sweep has a place in Keycloak's configuration. */
public interface LifecycleSweepProvider extends Provider {
}
