package org.keybridge.config;

/** The configuration could not be read or is not valid (CONFIG_INVALID to the user). */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) { super(message); }

    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
