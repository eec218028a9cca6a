package org.keybridge.demoportal.web;

/** One page's (or API call's) handling of one method. */
@FunctionalInterface
public interface Handler {
    void handle(Web web) throws Exception;
}
