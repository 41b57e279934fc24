package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.api.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ocifn.deploy.FnHttpHeaders;
import dev.ocifn.local.fn.FunctionContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local API Gateway driven by the same deployment specifications a user deploys to OCI
 * (rendered from {@code apigw/}): prefix and route matching, JWT authentication, scope
 * authorization, rate limiting, header transformations, the 6 MB function body limit, and the
 * functions invoked through the Fn FDK with the {@code Fn-Http-*} headers OCI sends
 * ({@link FnHttpHeaders}).
 */
public final class LocalGateway implements AutoCloseable {
    /** The most a function backend accepts (the gateway itself takes 20 MB). */
    static final int FUNCTION_BODY_LIMIT = 6 * 1024 * 1024;
    static final int GATEWAY_BODY_LIMIT = 20 * 1024 * 1024;
    static final int REQUEST_SECONDS = 120;
    static final int IDLE_SECONDS = 30;
    /** How long a body may take to arrive once its headers did; a shorter one than announced gets 400. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

    static {
        configureServer();
    }
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Deployment(String prefix, RouteTable routes, TokenAuthenticator auth, RateLimiter rate) {
    }

    private final List<Deployment> deployments = new ArrayList<>();
    private final Map<String, FunctionContainer> functions;
    private final Duration functionTimeout;
    private final PrintStream log;
    private final HttpServer server;
    /** Exchanges whose body was read (the JDK's exchange attributes are shared by the whole context). */
    private final Set<HttpExchange> bodiesRead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService bodyReaders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-gateway-body");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param specs     deployment path prefix → deployment specification
     * @param functions function OCID named in the specs' backends → the running function
     */
    public LocalGateway(int port, Map<String, JsonNode> specs, Map<String, FunctionContainer> functions,
                        Duration functionTimeout, Clock clock, PrintStream log) throws IOException {
        specs.forEach((prefix, spec) -> SpecSupport.check("deployment " + prefix, spec));
        specs.forEach((prefix, spec) -> spec.path("routes").forEach(route -> HeaderTransformer.check(
                route.path("requestPolicies").path("headerTransformations"), "deployment " + prefix + " route "
                        + route.path("path").asText())));
        specs.forEach((prefix, spec) -> deployments.add(new Deployment(prefix, new RouteTable(spec),
                authenticator(prefix, spec, clock), RateLimiter.of(spec))));
        deployments.sort((a, b) -> b.prefix.length() - a.prefix.length());
        this.functions = functions;
        this.functionTimeout = functionTimeout;
        this.log = log;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // A thread per exchange, as many as there are connections: a client that never finishes
        // its request holds one thread (until the server's request timeout closes it), not one of
        // a few workers that every other client waits for.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-gateway");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * The JDK server's timeouts, which it reads once, when its first server is made: call before
     * any {@code HttpServer} of this JVM starts. A request (longer than any function's timeout)
     * ends after {@value #REQUEST_SECONDS} s and a response as well, idle kept-alive
     * connections close after {@value #IDLE_SECONDS} s, and up to the gateway's own body limit of an
     * unread request body is read away before a refused request's connection closes, so the
     * client reads the refusal instead of a connection reset.
     */
    public static void configureServer() {
        setIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.idleInterval", IDLE_SECONDS);
        setIfAbsent("sun.net.httpserver.drainAmount", GATEWAY_BODY_LIMIT);
    }

    private static void setIfAbsent(String name, long value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, String.valueOf(value));
        }
    }

    private static TokenAuthenticator authenticator(String prefix, JsonNode spec, Clock clock) {
        JsonNode policy = spec.path("requestPolicies").path("authentication");
        if (policy.isMissingNode()) {
            return null;
        }
        try {
            return new TokenAuthenticator(policy, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deployment " + prefix + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        bodyReaders.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        int status;
        String note = "";
        try (exchange) {
            try {
                status = route(exchange, method, path);
            } catch (GatewayError e) {
                status = e.status;
                note = e.reason().isEmpty() ? "" : " (" + e.reason() + ")";
                e.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                if (!bodiesRead.contains(exchange) && mayHaveBody(exchange)) {
                    // Refused before its body was read: say that the connection ends here.
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", e.status);
                body.put("message", e.getMessage());
                byte[] bytes = JSON.writeValueAsBytes(body);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(e.status, method.equals("HEAD") ? -1 : bytes.length);
                if (!method.equals("HEAD")) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        } finally {
            bodiesRead.remove(exchange);
        }
        log.println("gateway " + method + " " + path + " " + status + " " + (System.nanoTime() - started) / 1_000_000 + "ms" + note);
    }

    private int route(HttpExchange exchange, String method, String path) throws GatewayError, IOException {
        Deployment deployment = deployments.stream()
                .filter(d -> path.equals(d.prefix) || path.startsWith(d.prefix + "/"))
                .findFirst().orElseThrow(() -> new GatewayError(404, "Not Found"));
        List<RouteTable.Match> matches = deployment.routes.match(path.substring(deployment.prefix.length()));
        if (matches.isEmpty()) {
            throw new GatewayError(404, "Not Found");
        }
        RouteTable.Match match = matches.stream().filter(m -> methods(m.route()).contains(method)).findFirst()
                .orElseThrow(() -> {
                    Set<String> allowed = new LinkedHashSet<>();
                    matches.forEach(m -> allowed.addAll(methods(m.route())));
                    return new GatewayError(405, "Method Not Allowed").header("Allow", String.join(", ", allowed));
                });

        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (deployment.rate != null && !deployment.rate.tryAcquire(client)) {
            throw new GatewayError(429, "Too Many Requests").header("Retry-After", "1");
        }

        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Map<String, Object> claims = authenticate(deployment, match.route(), headers, query);

        byte[] body = readBody(exchange);
        JsonNode transformations = match.route().path("requestPolicies").path("headerTransformations");
        HeaderTransformer.apply(transformations, headers,
                new ContextVariables(claims, match.pathParams(), Map.copyOf(headers), query));
        return invoke(exchange, method, match.route(), headers, body);
    }

    private Map<String, Object> authenticate(Deployment deployment, JsonNode route, Map<String, String> headers,
                                             Map<String, String> query) throws GatewayError {
        JsonNode authorization = route.path("requestPolicies").path("authorization");
        String type = authorization.path("type").asText("AUTHENTICATION_ONLY");
        if (deployment.auth == null) {
            if (!type.equals("ANONYMOUS")) {
                throw GatewayError.unauthorized("authentication: the deployment has no authentication policy and the"
                        + " route's authorization is " + type + ", not ANONYMOUS");
            }
            return Map.of();
        }
        String token = deployment.auth.tokenFrom(headers, query);
        if (token == null) {
            if (type.equals("ANONYMOUS") && deployment.auth.anonymousAllowed()) {
                return Map.of();
            }
            throw GatewayError.unauthorized("no token: " + deployment.auth.whereTheTokenGoes() + " is missing");
        }
        Map<String, Object> claims = deployment.auth.authenticate(token);
        if (type.equals("ANY_OF")) {
            Set<String> granted = scopes(claims.get("scope"));
            boolean allowed = false;
            for (JsonNode scope : authorization.path("allowedScope")) {
                allowed |= granted.contains(scope.asText());
            }
            if (!allowed) {
                List<String> needed = new ArrayList<>();
                authorization.path("allowedScope").forEach(scope -> needed.add(scope.asText()));
                throw new GatewayError(403, "Forbidden").withReason("scope: token has " + TokenAuthenticator.shownAll(granted)
                        + ", route needs any of allowedScope " + TokenAuthenticator.shownAll(needed));
            }
        }
        return claims;
    }

    private int invoke(HttpExchange exchange, String method, JsonNode route, Map<String, String> headers, byte[] body)
            throws GatewayError, IOException {
        JsonNode backend = route.path("backend");
        if (!"ORACLE_FUNCTIONS_BACKEND".equals(backend.path("type").asText())) {
            throw new GatewayError(500, "Internal Server Error").withReason("backend type not emulated");
        }
        FunctionContainer fn = functions.get(backend.path("functionId").asText());
        if (fn == null) {
            throw new GatewayError(502, "Bad Gateway").withReason("no function " + backend.path("functionId").asText());
        }
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Headers fnHeaders = Headers.fromMap(FnHttpHeaders.request(method, target, headers));
        FunctionContainer.Answer answer;
        try {
            answer = fn.invoke(fnHeaders, body, functionTimeout);
        } catch (TimeoutException e) {
            throw new GatewayError(504, "Gateway Timeout").withReason(fn.name() + " timed out");
        }
        if (!answer.success()) {
            throw new GatewayError(502, "Bad Gateway").withReason(fn.name() + " failed");
        }
        int status = FnHttpHeaders.status(answer.headers());
        // A HEAD's Content-Length is the function's (Fn-Http-H-Content-Length): no body follows.
        FnHttpHeaders.responseHeaders(answer.headers())
                .forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || answer.body().length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : answer.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
        return status;
    }

    /**
     * The request body, read within {@link #BODY_TIMEOUT}: a body shorter than its
     * {@code Content-Length} would otherwise hold the exchange forever; it gets 400.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException, GatewayError {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > FUNCTION_BODY_LIMIT) {
            throw new GatewayError(413, "Payload Too Large");
        }
        InputStream in = exchange.getRequestBody();
        Future<byte[]> reading = bodyReaders.submit(() -> in.readNBytes(FUNCTION_BODY_LIMIT + 1));
        byte[] body;
        try {
            body = reading.get(BODY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new GatewayError(400, "Bad Request").withReason("the body did not arrive in "
                    + BODY_TIMEOUT.toSeconds() + " s (shorter than its Content-Length?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayError(503, "Service Unavailable");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        if (body.length > FUNCTION_BODY_LIMIT) {
            throw new GatewayError(413, "Payload Too Large");
        }
        bodiesRead.add(exchange);
        return body;
    }

    private static boolean mayHaveBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !length.trim().equals("0"));
    }

    private static Set<String> methods(JsonNode route) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode methods = route.path("methods");
        if (methods.isMissingNode() || methods.isEmpty()) {
            out.add("ANY");
        }
        methods.forEach(m -> out.add(m.asText()));
        if (out.contains("ANY")) {
            out.addAll(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        }
        return out;
    }

    private static Set<String> scopes(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof String s) {
            out.addAll(List.of(s.trim().split("\\s+")));
        } else if (claim instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

}
