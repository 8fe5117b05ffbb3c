package dev.enterpriseconnect.events.webhook;

import org.keycloak.provider.Provider;

/** Nothing per session: the provider exists so the worker's factory gets its settings and start-up hook. */
public interface WebhookWorkerProvider extends Provider {
}
