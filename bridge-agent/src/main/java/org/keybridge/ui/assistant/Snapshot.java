package org.keybridge.ui.assistant;

import java.time.Instant;
import java.util.List;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;

/** The keys and modules as one listing saw them, and when; {@code error} when the listing failed. */
record Snapshot(List<Token> tokens, List<ModuleState> modules, Instant at, String error) {
    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), Instant.EPOCH, null);
}
