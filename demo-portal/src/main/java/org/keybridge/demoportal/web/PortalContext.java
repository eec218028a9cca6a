package org.keybridge.demoportal.web;

import org.keybridge.demoportal.DemoKeyRack;
import org.keybridge.demoportal.hall.Hall;

/** What every page handler reaches: the service hall (portal-kit), sessions, texts, templates, the agent's address. */
public record PortalContext(Hall hall, Sessions sessions, I18n i18n, Views views, String agentUrl, DemoKeyRack keys) {}
