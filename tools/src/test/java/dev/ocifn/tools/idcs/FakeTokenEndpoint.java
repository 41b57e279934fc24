package dev.ocifn.tools.idcs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.http.NameValuePair;
import org.apache.http.client.utils.URLEncodedUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An identity domain's token endpoint on 127.0.0.1 that grants a token only to the expected
 * client, secret and scope, as IDCS does for client credentials; anything else gets IDCS-style
 * OAuth errors. Records the last request body so tests can assert what was (not) sent.
 */
public final class FakeTokenEndpoint implements AutoCloseable {
    public static final String TOKEN = "eyJraWQiOiJTSUdOSU5HX0tFWSJ9.eyJzdWIiOiJjbGllbnQifQ.c2lnbmF0dXJl";

    private final HttpServer server;
    private final String clientId;
    private final String secret;
    private final String scope;
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private volatile String response;
    private volatile int status = 200;

    public FakeTokenEndpoint(String clientId, String secret, String scope) throws IOException {
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
        this.response = "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI domainUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes a correct request answer with this status and body instead of a token. */
    public void answer(int status, String body) {
        this.status = status;
        this.response = body;
    }

    public String lastBody() {
        return lastBody.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastBody.set(body);
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/oauth2/v1/token")) {
            send(exchange, 404, "{\"error\":\"not_found\"}");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"form body expected\"}");
            return;
        }
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}");
            return;
        }
        // A field without a value is left out; a repeated one keeps its last value.
        Map<String, String> form = URLEncodedUtils.parse(body, StandardCharsets.UTF_8).stream()
                .filter(field -> field.getValue() != null).collect(Collectors.toMap(NameValuePair::getName, NameValuePair::getValue, (first, last) -> last));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (!scope.equals(form.get("scope"))) {
            send(exchange, 400, "{\"error\":\"invalid_scope\",\"error_description\":\"The requested scope is invalid.\"}");
            return;
        }
        send(exchange, status, response);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
