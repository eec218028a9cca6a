package org.keybridge.ui.assistant;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.keybridge.core.KeyMaintenance;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;

/**
 * What the assistant window works with: the inserted keys and the modules (listed off the event thread), the key
 * operations, the portal list, the diagnostics, the browser, the clock and the "expiring soon" bound.
 */
public record AssistantServices(Supplier<List<Token>> tokens, Supplier<List<ModuleState>> modules, KeyMaintenance keys,
                                PortalDirectory portals, Diagnostics diagnostics, BrowserOpener browser, Clock clock,
                                Duration expiringSoon) {}
