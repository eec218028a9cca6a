package org.keybridge.demoportal.web;

import org.keybridge.demoportal.DemoKeyRack;
import org.keybridge.portal.Portal;
import org.keybridge.portal.account.OutboxSmsGateway;

/**
 * What every page handler reaches: portal-kit's {@link Portal} (accounts, logins, bindings), the demo SMS outbox, the
 * browser sessions, texts, templates, the agent's address and the demo's simulated USB port.
 */
public record Site(Portal portal, OutboxSmsGateway outbox, Sessions sessions, I18n i18n, Views views, String agentUrl,
                   DemoKeyRack keys) {}
