package org.keybridge.nativemsg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.keybridge.config.ConfigException;
import org.keybridge.config.json.StrictJson;
import org.keybridge.core.AgentCore;
import org.keybridge.core.AgentEvent;
import org.keybridge.core.RequestContext;
import org.keybridge.core.Results;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native-messaging host's protocol over one browser port (README: "Native-messaging host").
 *
 * <ul>
 *   <li>The host speaks first: {@code {"version": "x.y.z"}}, before the PKCS#11 modules are opened (they open in the
 *       background; a request waits for them).
 *   <li>Requests {@code {"command", "arguments", "origin", "id"}}: {@code origin} is what the extension read from the
 *       browser (never taken from {@code arguments}), {@code id} (a string or integer, optional) is echoed. Unknown
 *       commands, unknown fields, non-string arguments, malformed JSON: BAD_REQUEST.
 *   <li>Answers {@code {"id"?, "result": …}} or {@code {"id"?, "error": {code, message, detail, …}}}.
 *   <li>Requests are handled one at a time, in order: one waiting for the PIN holds the next ones in a queue of
 *       {@value #QUEUE} (beyond that: BUSY at once). stdin is read all the while, so a closed port ends the host at once.
 *   <li>{@code events} subscribes this port: {@code {"event": "token-inserted", …}} is pushed while it is open.
 *   <li>stdin closed between frames: exit status 0. Over-size length prefix: BAD_REQUEST, then exit status 1 (the body
 *       is not read, so the stream cannot be resynchronized). Input ending inside a frame: exit status 1.
 * </ul>
 */
public final class NativeHost {
    private static final Logger log = LoggerFactory.getLogger(NativeHost.class);

    /** Requests waiting behind the one in progress. */
    public static final int QUEUE = 16;
    static final String TRANSPORT = "native-messaging";
    static final List<String> EVENTS = List.of("token-inserted", "token-removed", "certificate-expiring", "card-inserted",
            "card-removed");
    private static final Set<String> FIELDS = Set.of("command", "arguments", "origin", "id");
    private static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "status", Set.of(),
            "certificates", Set.of("lang"),
            "authenticate", Set.of("challengeNonce", "certificateId", "lang"),
            "bind-certificate", Set.of("challengeNonce", "lang"),
            "events", Set.of());
    private static final byte[] END = new byte[0];

    private final InputStream in;
    private final FrameWriter out;
    private final String version;
    private final Supplier<HostBackend> opener;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private volatile CompletableFuture<HostBackend> backend;
    private AutoCloseable subscription;

    /**
     * @param in the browser's side of stdin
     * @param out the only writer of the browser's channel
     * @param version the agent version sent in the hello
     * @param opener opens the backend (configuration, PKCS#11 modules); runs in a background thread after the hello
     */
    public NativeHost(InputStream in, FrameWriter out, String version, Supplier<HostBackend> opener) {
        this.in = in;
        this.out = out;
        this.version = version;
        this.opener = opener;
    }

    /** Sends the hello, then serves the port until stdin closes; the exit status (0: the browser closed the port). */
    public int run() { return run(false); }

    /**
     * Serves the port until stdin closes; the exit status (0: the browser closed the port).
     *
     * @param helloSent whether {@link NativeMessaging#hello} was already sent on this channel
     */
    public int run(boolean helloSent) {
        if (!helloSent) {
            try {
                NativeMessaging.hello(out, version);
            } catch (IOException e) {
                log.warn("cannot send the hello: {}", e.toString());
                return 1;
            }
        }
        backend = CompletableFuture.supplyAsync(opener, r -> daemon("keybridge-native-open", r).start());
        Thread worker = daemon("keybridge-native-requests", this::work);
        worker.start();
        FrameReader reader = new FrameReader(in);
        try {
            while (true) {
                byte[] frame = reader.read();
                if (frame == null) {
                    log.debug("stdin closed: the browser closed the port");
                    return 0;
                }
                if (!queue.offer(frame)) {
                    reply(idOf(frame), error(new KeyBridgeException(ErrorCode.BUSY,
                            "more than " + QUEUE + " requests waiting"), defaultLocale()));
                }
            }
        } catch (FrameTooLargeException e) {
            log.warn("{}; closing the port", e.getMessage());
            reply(null, error(new KeyBridgeException(ErrorCode.BAD_REQUEST, e.getMessage()), defaultLocale()));
            return 1;
        } catch (EOFException e) {
            log.warn("{}; closing the port", e.getMessage());
            return 1;
        } catch (IOException e) {
            log.warn("reading stdin failed: {}", e.toString());
            return 1;
        } finally {
            queue.clear();
            queue.offer(END);
            shutdown();
        }
    }

    private void work() {
        while (true) {
            byte[] frame;
            try {
                frame = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (frame == END) return;
            handle(frame);
        }
    }

    /** One request, answered; never throws. */
    void handle(byte[] frame) {
        Object id = null;
        Locale locale = defaultLocale();
        try {
            Map<String, Object> msg = parse(frame);
            id = validId(msg.get("id"));
            for (String name : msg.keySet()) {
                if (!FIELDS.contains(name)) throw bad("unknown field '" + name + "'");
            }
            if (!(msg.get("command") instanceof String command)) throw bad("command is missing");
            Set<String> allowed = ARGUMENTS.get(command);
            if (allowed == null) throw bad("unknown command '" + command + "'");
            Map<String, String> args = arguments(msg.get("arguments"), allowed);
            if (args.get("lang") != null) locale = KeyBridgeException.supported(Locale.forLanguageTag(args.get("lang")));
            Object o = msg.get("origin");
            if (o != null && !(o instanceof String)) throw bad("origin must be a string");
            RequestContext ctx = new RequestContext((String) o, TRANSPORT);
            HostBackend b = backend();
            AgentCore core = b.core();
            Object result = switch (command) {
                case "status" -> core.status(ctx);
                case "certificates" -> core.certificates(ctx, args.get("lang"));
                case "authenticate" -> core.authenticate(ctx, new Results.AuthenticateRequest(args.get("challengeNonce"),
                        args.get("certificateId"), args.get("lang")));
                case "bind-certificate" -> core.bindCertificate(ctx, new Results.BindRequest(args.get("challengeNonce"),
                        args.get("lang")));
                case "events" -> subscribe(ctx, b);
                default -> throw new IllegalStateException(command);
            };
            Map<String, Object> answer = new LinkedHashMap<>();
            if (id != null) answer.put("id", id);
            answer.put("result", result);
            send(answer, id, locale);
        } catch (KeyBridgeException e) {
            reply(id, error(e, locale));
        } catch (ConfigException e) {
            reply(id, error(new KeyBridgeException(ErrorCode.CONFIG_INVALID, e.getMessage()), locale));
        } catch (RuntimeException e) {
            log.error("request failed", e);
            reply(id, error(new KeyBridgeException(ErrorCode.TOKEN_ERROR, e.toString()), locale));
        }
    }

    private static Map<String, String> arguments(Object node, Set<String> allowed) {
        try {
            return StrictJson.stringFields(node, allowed, "arguments.");
        } catch (IOException e) {
            throw bad(e.getMessage());
        }
    }

    private Map<String, Object> subscribe(RequestContext ctx, HostBackend b) {
        b.core().origins().require(ctx.origin());
        synchronized (this) {
            if (subscription == null) {
                subscription = b.core().events().subscribe(this::push);
                b.watchTokens();
            }
        }
        return Map.of("events", EVENTS);
    }

    private void push(AgentEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.event());
        m.putAll(e.data());
        try {
            out.write(StrictJson.protocol(m));
        } catch (IOException ex) {
            log.debug("event {} not delivered: {}", e.event(), ex.toString());
        }
    }

    private HostBackend backend() {
        try {
            return backend.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private void send(Map<String, Object> answer, Object id, Locale locale) {
        byte[] bytes;
        try {
            bytes = StrictJson.protocol(answer);
        } catch (IllegalArgumentException e) {
            log.error("answer not serializable", e);
            reply(id, error(new KeyBridgeException(ErrorCode.TOKEN_ERROR, e.getMessage()), locale));
            return;
        }
        try {
            out.write(bytes);
        } catch (FrameTooLargeException e) {
            reply(id, error(new KeyBridgeException(ErrorCode.BAD_REQUEST, "the answer (" + e.length()
                    + " bytes) is over the native-messaging limit of " + e.limit() + " bytes"), locale));
        } catch (IOException e) {
            log.debug("answer not delivered: {}", e.toString());
        }
    }

    /** An error answer: always small enough, so only the channel itself can fail. */
    private void reply(Object id, Map<String, Object> error) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (id != null) m.put("id", id);
        m.put("error", error);
        try {
            out.write(StrictJson.protocol(m));
        } catch (IOException e) {
            log.debug("error answer not delivered: {}", e.toString());
        }
    }

    static Map<String, Object> error(KeyBridgeException e, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>(AgentCore.errorObject(e, locale));
        String prefix = e.code().name() + ": ";
        if (e.getMessage() != null && e.getMessage().startsWith(prefix)) m.put("detail", e.getMessage().substring(prefix.length()));
        return m;
    }

    /** A request: one strict JSON object (duplicate keys and trailing content refused), read without databind. */
    private static Map<String, Object> parse(byte[] frame) {
        try {
            return StrictJson.readObject(frame);
        } catch (IOException e) {
            throw bad("a request is one JSON object: " + e.getMessage());
        }
    }

    private static Object validId(Object id) {
        if (id == null) return null;
        if (id instanceof String s && s.length() <= 256 || id instanceof Integer || id instanceof Long) return id;
        throw bad("id must be a string (at most 256 characters) or an integer");
    }

    /** The request's id, if it has a valid one (for an answer given before the request is handled). */
    private static Object idOf(byte[] frame) {
        try {
            return validId(StrictJson.readObject(frame).get("id"));
        } catch (IOException | KeyBridgeException e) {
            return null;
        }
    }

    private static KeyBridgeException bad(String detail) {
        return new KeyBridgeException(ErrorCode.BAD_REQUEST, detail);
    }

    private static Locale defaultLocale() { return KeyBridgeException.supported(Locale.getDefault()); }

    private synchronized void shutdown() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("unsubscribe: {}", e.toString());
            }
        }
        CompletableFuture<HostBackend> b = backend;
        if (b == null || !b.isDone() || b.isCompletedExceptionally()) return;
        // a request may still hold a module (a PIN dialog open): never let closing keep the process alive
        Thread closer = daemon("keybridge-native-close", () -> b.join().close());
        closer.start();
        try {
            closer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
