package org.keybridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.keybridge.config.ConfigException;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keybridge [--config FILE] COMMAND}: the command line of KeyBridge. */
@Command(name = "keybridge", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "KeyBridge: USB keys (UKey) and smart cards for web portals.",
        subcommands = {DemoKeysCommand.class, TokensCommand.class, SignCommand.class, ConfigCommand.class,
            BenchCommand.class, ServeCommand.class, NativeHostCommand.class, InstallNativeHostCommand.class,
            VersionCommand.class, PortalsCommand.class, CatalogCommand.class, SignUpdateCommand.class,
            DriversCommand.class, AssistantCommand.class, DoctorCommand.class,
            CommandLine.HelpCommand.class})
public final class KeyBridgeCli {
    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "KeyBridge configuration (JSON); default: the embedded one")
    Path config;

    @Option(names = "--lang", paramLabel = "LANG", scope = CommandLine.ScopeType.INHERIT,
            description = "language of messages: zh-CN, en, es (default: the system's)")
    String lang;

    /** The system property an installed package's launcher sets to its configuration file (/etc/keybridge/config.json). */
    static final String SYSTEM_CONFIG_PROPERTY = "keybridge.config";

    /** {@code --config}, else the installed package's configuration file when it exists, else the embedded default. */
    KeyBridgeConfig config() {
        if (config != null) return KeyBridgeConfig.load(config);
        Path system = systemConfig();
        return system != null ? KeyBridgeConfig.load(system) : KeyBridgeConfig.embeddedDefault();
    }

    static Path systemConfig() {
        String p = System.getProperty(SYSTEM_CONFIG_PROPERTY, "");
        if (p.isBlank()) return null;
        Path f = Path.of(p);
        return Files.isRegularFile(f) ? f : null;
    }

    Locale locale() {
        return KeyBridgeException.supported(lang == null ? Locale.getDefault() : Locale.forLanguageTag(lang));
    }

    /** native-config names its refusals by the same names as the error codes. */
    static ErrorCode errorCode(ConfigException e) { return ErrorCode.valueOf(e.code().name()); }

    public static void main(String[] args) {
        String[] a = NativeHostStart.launcherArguments(args);
        NativeHostStart.earlyHello(a); // the browser waits for the native host's hello: before picocli starts
        System.exit(run(a));
    }

    /** Runs one command; exit status 0 success, 1 operation failed (code printed), 2 usage error. */
    public static int run(String... args) {
        KeyBridgeCli root = new KeyBridgeCli();
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Locale l = root.locale();
            if (ex instanceof KeyBridgeException k) {
                commandLine.getErr().println("error: " + k.code() + ": " + k.userMessage(l));
                commandLine.getErr().println("  (" + k.getMessage() + ")");
                return k.code().exitStatus();
            }
            if (ex instanceof ConfigException c) {
                ErrorCode code = errorCode(c);
                commandLine.getErr().println("error: " + code + ": " + KeyBridgeException.userMessage(code, l) + " " + c.getMessage());
                return code.exitStatus();
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
