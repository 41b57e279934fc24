package dev.ocifn.ocifake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * A local stand-in for an OCI endpoint on 127.0.0.1 that verifies every request's signature
 * before anything else and answers 401 NotAuthenticated, as OCI does, to one that does not hold.
 * Verified requests are recorded and answered from a queue of programmed responses, then from
 * routes, then with 404 NotAuthorizedOrNotFound.
 */
public final class FakeOciServer implements AutoCloseable {
    /** Computes the answer to a verified request. */
    @FunctionalInterface
    public interface Responder {
        StubResponse respond(RecordedRequest request);
    }

    private record Route(String method, Pattern path, Responder responder) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SignatureVerifier verifier;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final Deque<StubResponse> queue = new ArrayDeque<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private volatile BiPredicate<String, String> bodyExcluded = (method, path) -> false;

    private volatile boolean recording = true;
    private volatile String frontHost;

    private FakeOciServer(TrustStore trust, Clock clock, int port, SSLContext tls) throws IOException {
        this.verifier = new SignatureVerifier(trust, clock, Duration.ofMinutes(5));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (tls == null) {
            this.server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            this.server = https;
        }
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "oci-fake");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOciServer start(TrustStore trust) {
        return start(trust, 0);
    }

    /** On a given loopback port (0 picks a free one). */
    public static FakeOciServer start(TrustStore trust, int port) {
        try {
            return new FakeOciServer(trust, Clock.systemUTC(), port, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test server on port " + port, e);
        }
    }

    /** Over TLS with this server context, on a free loopback port: {@link #endpoint()} is then https. */
    public static FakeOciServer startTls(TrustStore trust, SSLContext tls) {
        try {
            return new FakeOciServer(trust, Clock.systemUTC(), 0, tls);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the TLS test server", e);
        }
    }

    /**
     * Whether verified requests are kept for {@link #requests()}; a long-running server (the
     * local stack) turns it off so bodies do not pile up in memory.
     */
    public FakeOciServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** {@code http://127.0.0.1:<port>} ({@code https} when started with TLS): what {@code OCI_ENDPOINT} is set to. */
    public String endpoint() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * A front that relays requests to this server unchanged (local-oci's ContinueGate) listens on
     * {@code hostAndPort}: a host header naming it names this server too.
     */
    public FakeOciServer frontedBy(String hostAndPort) {
        this.frontHost = hostAndPort;
        return this;
    }

    /** Answers the next verified request with this, ahead of the routes. */
    public synchronized FakeOciServer enqueue(StubResponse response) {
        queue.addLast(response);
        return this;
    }

    /** Answers verified requests with this method and a path matching the regex; later routes win. */
    public FakeOciServer on(String method, String pathRegex, Responder responder) {
        routes.add(0, new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), responder));
        return this;
    }

    /** Marks the calls whose body OCI does not sign (Object Storage PutObject and UploadPart). */
    public FakeOciServer bodyNotSignedFor(BiPredicate<String, String> methodAndPath) {
        this.bodyExcluded = methodAndPath;
        return this;
    }

    /**
     * Serves the paths under {@code pathPrefix} (such as {@code /p/}) with {@code handler} alone,
     * without any signature check and without buffering: for Object Storage's pre-authenticated
     * requests, whose URL is the credential and whose bodies may be far larger than memory.
     */
    public FakeOciServer serveUnsigned(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
        return this;
    }

    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(requests);
    }

    public RecordedRequest onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size() + "; rejected: " + rejections);
        }
        return requests.get(0);
    }

    /** Why requests were refused, one reason each. */
    public List<String> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    public synchronized void reset() {
        requests.clear();
        rejections.clear();
        queue.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));

            StubResponse response;
            try {
                TrustStore.Principal principal = verifier.verify(method, target, headers, body,
                        hostOf(headers), bodyExcluded.test(method, rawPath));
                RecordedRequest request = new RecordedRequest(method, rawPath, rawQuery, headers, body, principal);
                if (recording) {
                    requests.add(request);
                }
                response = answer(request);
            } catch (SignatureVerifier.Rejected e) {
                rejections.add(method + " " + rawPath + ": " + e.getMessage());
                response = StubResponse.error(401, "NotAuthenticated",
                        "The required information to complete authentication was not provided or was incorrect.");
            }
            send(exchange, method, response);
        }
    }

    /** The host header must name this server; the SDK writes it from the endpoint it was given. */
    private String hostOf(Map<String, List<String>> headers) {
        List<String> host = headers.get("host");
        String sent = host == null || host.isEmpty() ? "" : host.get(0);
        boolean front = frontHost != null && sent.equalsIgnoreCase(frontHost);
        return front || sent.equalsIgnoreCase("localhost:" + port()) ? sent : "127.0.0.1:" + port();
    }

    private StubResponse answer(RecordedRequest request) {
        synchronized (this) {
            if (!queue.isEmpty()) {
                return queue.removeFirst();
            }
        }
        for (Route route : routes) {
            if (route.method.equals(request.method()) && route.path.matcher(request.rawPath()).matches()) {
                return route.responder.respond(request);
            }
        }
        return StubResponse.error(404, "NotAuthorizedOrNotFound", "no such resource on the test server: "
                + request.method() + " " + request.rawPath());
    }

    private static void send(HttpExchange exchange, String method, StubResponse response) throws IOException {
        if (!response.delay().isZero()) {
            try {
                Thread.sleep(response.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (!response.headers().containsKey("opc-request-id")) {
            exchange.getResponseHeaders().set("opc-request-id", UUID.randomUUID().toString().replace("-", "").toUpperCase());
        }
        if (response.stream() != null) {
            boolean none = method.equals("HEAD") || response.streamLength() == 0;
            exchange.sendResponseHeaders(response.status(), none ? -1 : response.streamLength());
            if (!none) {
                try (InputStream in = response.stream().open(); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
            return;
        }
        byte[] body = response.body();
        boolean noBody = method.equals("HEAD") || response.status() == 204 || response.status() == 304 || body.length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The responses still queued, for tests that check everything programmed was used. */
    public synchronized List<StubResponse> pending() {
        return new ArrayList<>(queue);
    }
}
