package org.keybridge.token;

/** Whether a configured module loaded; {@code error} is null when it did. */
public record ModuleState(String name, String library, boolean loaded, String error) {}
