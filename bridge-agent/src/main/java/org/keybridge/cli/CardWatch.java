package org.keybridge.cli;

import java.util.function.Function;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.catalog.TokenModel;
import org.keybridge.config.update.Catalogs;
import org.keybridge.core.CardEvents;
import org.keybridge.core.EventHub;
import org.keybridge.detect.Detector;
import org.keybridge.pcsc.CardReader;
import org.slf4j.LoggerFactory;

/** Starts the agent's card-reader events, naming each card's model through the effective catalog. */
final class CardWatch {
    private CardWatch() {}

    static CardEvents start(KeyBridgeConfig config, EventHub hub, Runnable cardsChanged) {
        return new CardEvents(hub, models(config), cardsChanged);
    }

    static Function<CardReader, String> models(KeyBridgeConfig config) {
        Detector d;
        try {
            d = new Detector(Catalogs.load(config).catalog());
        } catch (RuntimeException e) { // events still flow, without model names
            LoggerFactory.getLogger(CardWatch.class).warn("catalog unavailable for card events: {}", e.getMessage());
            return r -> null;
        }
        return r -> d.models(r).stream().findFirst().map(TokenModel::id).orElse(null);
    }
}
