package org.keybridge.config;

/** native-config refused something; {@link #code()} says why (CONFIG_INVALID for the configuration file). */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ConfigCode code;

    public ConfigException(String message) { this(ConfigCode.CONFIG_INVALID, message, null); }

    public ConfigException(String message, Throwable cause) { this(ConfigCode.CONFIG_INVALID, message, cause); }

    public ConfigException(ConfigCode code, String message) { this(code, message, null); }

    public ConfigException(ConfigCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ConfigCode code() { return code; }
}
