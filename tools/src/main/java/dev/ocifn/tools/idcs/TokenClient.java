package dev.ocifn.tools.idcs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Gets an access token from an identity domain with the client-credentials grant
 * ({@code POST <domain>/oauth2/v1/token}, client id and secret as HTTP Basic). Errors quote the
 * domain's {@code error} and {@code error_description}, never the request.
 */
public final class TokenClient {
    public static final String TOKEN_PATH = "/oauth2/v1/token";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    public TokenClient(HttpClient http) {
        this.http = http;
    }

    /** What the domain answered; {@code expiresIn} is in seconds, -1 when not given. */
    public static final class Token {
        private final String accessToken;
        private final String tokenType;
        private final long expiresIn;

        Token(String accessToken, String tokenType, long expiresIn) {
            this.accessToken = accessToken;
            this.tokenType = tokenType;
            this.expiresIn = expiresIn;
        }

        public String accessToken() {
            return accessToken;
        }

        public String tokenType() {
            return tokenType;
        }

        public long expiresIn() {
            return expiresIn;
        }
    }

    /**
     * The domain said no: its HTTP status and OAuth {@code error} (RFC 6749 section 5.2:
     * {@code invalid_client}, {@code invalid_scope}, ...), for callers that explain it.
     */
    public static final class Refused extends ToolException {
        private final int status;
        private final String error;

        Refused(URI endpoint, int status, String error, String description) {
            super(endpoint + " refused the token request: HTTP " + status + detail(error, description));
            this.status = status;
            this.error = error;
        }

        private static String detail(String error, String description) {
            String detail = (error + (description.isEmpty() ? "" : " (" + description + ")")).trim();
            return detail.isEmpty() ? "" : " " + oneLine(detail);
        }

        public int status() {
            return status;
        }

        /** The OAuth error code, empty when the answer had none. */
        public String error() {
            return error;
        }
    }

    /** The token endpoint of a domain URL such as {@code https://idcs-0123.identity.oraclecloud.com}. */
    public static URI tokenEndpoint(URI domainUrl) {
        Urls.requireHttps(domainUrl, "--domain-url");
        String path = domainUrl.getPath() == null ? "" : domainUrl.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new ToolException("--domain-url: give the domain URL without a path (like https://idcs-0123456789abcdef.identity.oraclecloud.com)");
        }
        if (domainUrl.getQuery() != null || domainUrl.getFragment() != null || domainUrl.getUserInfo() != null) {
            throw new ToolException("--domain-url: give the domain URL without query, fragment or user");
        }
        return domainUrl.resolve(TOKEN_PATH);
    }

    /**
     * Requests a token. The secret array is not kept; the caller may clear it afterwards.
     *
     * @param scope the full scope as the domain expects it: primary audience followed by the scope name
     */
    public Token fetch(URI domainUrl, String clientId, char[] secret, String scope) {
        if (clientId == null || clientId.isBlank()) {
            throw new ToolException("--client-id is required");
        }
        if (scope == null || scope.isBlank()) {
            throw new ToolException("--scope is required (primary audience followed by the scope, e.g. https://ocifn.example.com/usage)");
        }
        if (secret == null || secret.length == 0) {
            throw new ToolException("the client secret is empty");
        }
        URI endpoint = tokenEndpoint(domainUrl);
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ToolException("cannot reach " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while requesting a token from " + endpoint);
        }
        return read(endpoint, response);
    }

    private static Token read(URI endpoint, HttpResponse<String> response) {
        JsonNode body = parseQuietly(response.body());
        if (response.statusCode() != 200) {
            String error = body == null ? "" : body.path("error").asText("");
            String description = body == null ? "" : body.path("error_description").asText("");
            throw new Refused(endpoint, response.statusCode(), error, description);
        }
        if (body == null || !body.path("access_token").isTextual() || body.path("access_token").asText().isEmpty()) {
            throw new ToolException(endpoint + " answered 200 without an access_token");
        }
        String type = body.path("token_type").asText("");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw new ToolException(endpoint + " answered token_type '" + type + "', expected Bearer");
        }
        return new Token(body.get("access_token").asText(), type, body.path("expires_in").asLong(-1));
    }

    private static JsonNode parseQuietly(String text) {
        try {
            return text == null || text.isBlank() ? null : JsonFiles.parse(text, "token response");
        } catch (ToolException e) {
            return null;
        }
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String basic(String clientId, char[] secret) {
        CharBuffer chars = CharBuffer.allocate(clientId.length() + 1 + secret.length);
        chars.put(clientId).put(':').put(secret).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(chars.array(), '\0');
        }
    }
}
