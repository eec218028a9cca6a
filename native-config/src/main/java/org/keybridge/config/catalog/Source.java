package org.keybridge.config.catalog;

/** Where a catalog fact comes from; entries cite these by id. */
public record Source(String id, String text) {}
