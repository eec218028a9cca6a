package org.keybridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.keybridge.config.ConfigException;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keybridge [--config FILE] COMMAND}: the command line of KeyBridge. */
@Command(name = "keybridge", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "KeyBridge: USB keys (UKey) and smart cards for web portals.")
public final class KeyBridgeCli {
    /**
     * The commands, by name. Registered one at a time: a run builds picocli's model of the command it runs only
     * (every command's model is classes, reflection and option objects that a resident agent would keep all day);
     * help, and anything not a command name, gets all of them. A holder class: the native host's hello goes out
     * before any of this loads.
     */
    static final class Commands {
        private Commands() {}

        static final Map<String, Class<?>> ALL = commands(DemoKeysCommand.class, TokensCommand.class, SignCommand.class,
                ConfigCommand.class, BenchCommand.class, ServeCommand.class, NativeHostCommand.class,
                InstallNativeHostCommand.class, VersionCommand.class, PortalsCommand.class, CatalogCommand.class,
                SignUpdateCommand.class, DriversCommand.class, AssistantCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class);

        private static Map<String, Class<?>> commands(Class<?>... classes) {
            Map<String, Class<?>> m = new LinkedHashMap<>();
            for (Class<?> c : classes) m.put(c.getAnnotation(Command.class).name(), c);
            return java.util.Collections.unmodifiableMap(m);
        }
    }

    /** The command a run asks for: the first argument that is not a root option or its value; null for none. */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config") || a.equals("--lang")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    static CommandLine commandLine(KeyBridgeCli root, String... args) {
        CommandLine cl = new CommandLine(root);
        String name = commandName(args);
        if (name != null && Commands.ALL.containsKey(name) && !name.equals("help")) {
            cl.addSubcommand(name, Commands.ALL.get(name));
        } else {
            Commands.ALL.forEach(cl::addSubcommand);
        }
        return cl;
    }

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
        CommandLine cl = commandLine(root, args);
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
