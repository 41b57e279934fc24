package dev.ocifn.local.idp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.http.NameValuePair;
import org.apache.http.client.utils.URLEncodedUtils;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;


/**
 * A local stand-in for an OCI identity domain's OAuth server: client-credentials tokens shaped
 * like IDCS's ({@code kid: SIGNING_KEY}, RS256, issuer {@value #ISSUER}, {@code aud}, {@code scope},
 * {@code sub} and {@code client_id}) at {@code /oauth2/v1/token}, and its signing key IDCS-style,
 * with {@code key_ops}, at {@code /admin/v1/SigningCert/jwk}.
 */
public final class LocalIdentityDomain implements AutoCloseable {
    public static final String ISSUER = "https://identity.oraclecloud.com/";
    public static final String KEY_ID = "SIGNING_KEY";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A confidential application with client credentials, allowed these scopes of its audience. */
    public record Client(String id, String secret, String audience, Set<String> scopes) {
    }

    private final RSAKey key;
    private final byte[] certificate;
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final HttpServer server;

    private LocalIdentityDomain(int port, List<Client> clients) throws IOException, JOSEException {
        this.key = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        try {
            this.certificate = selfSigned(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the signing certificate", e);
        }
        clients.forEach(c -> this.clients.put(c.id(), c));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/oauth2/v1/token", this::token);
        server.createContext("/admin/v1/SigningCert/jwk", this::jwks);
        server.start();
    }

    public static LocalIdentityDomain start(int port, List<Client> clients) {
        try {
            return new LocalIdentityDomain(port, clients);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("cannot start the local identity domain on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The JWKS as IDCS serves it at {@code /admin/v1/SigningCert/jwk}: one key with the fields of
     * a real domain's set ({@code kty}, {@code x5t#S256}, {@code e}, {@code x5t}, {@code kid:
     * SIGNING_KEY}, {@code x5c}, {@code key_ops: ["sig","encrypt"]}, {@code alg}, {@code n}) and no
     * {@code use}. API Gateway wants {@code use: "sig"} or {@code key_ops} holding {@code verify},
     * so this set pasted as a static key fails, as in OCI; {@code idcs-key} converts it.
     */
    public String jwksJson() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        try {
            jwk.put("kty", "RSA");
            jwk.put("x5t#S256", url.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate)));
            jwk.put("e", key.getPublicExponent().toString());
            jwk.put("x5t", url.encodeToString(MessageDigest.getInstance("SHA-1").digest(certificate)));
            jwk.put("kid", KEY_ID);
            jwk.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate)));
            jwk.put("key_ops", List.of("sig", "encrypt"));
            jwk.put("alg", "RS256");
            jwk.put("n", key.getModulus().toString());
            return JSON.writeValueAsString(Map.of("keys", List.of(jwk)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate for the key, DER-encoded, as the {@code x5c} of the set. */
    private static byte[] selfSigned(RSAKey key) throws Exception {
        X500Name name = new X500Name("CN=local identity domain");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                key.toRSAPublicKey());
        return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.toRSAPrivateKey())).getEncoded();
    }

    /** A token for a registered client, as the token endpoint would issue it. */
    public String tokenFor(String clientId, Set<String> scopes) {
        Client c = clients.get(clientId);
        if (c == null) {
            throw new IllegalArgumentException("no client " + clientId);
        }
        return sign(c, scopes, Duration.ofHours(1));
    }

    /**
     * Signs any claims with the domain's key, the way it signs its tokens: for tests that need a
     * token that is well signed but wrong in one claim (audience, issuer, expiry).
     */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID)
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(Client c, Set<String> scopes, Duration life) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(c.id())
                .audience(List.of(c.audience()))
                .claim("scope", String.join(" ", scopes))
                .claim("client_id", c.id())
                .claim("sub_type", "client")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(life)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, Map.of("error", "invalid_request", "error_description", "use POST"));
                return;
            }
            Client client = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (client == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"local identity domain\"");
                send(exchange, 401, Map.of("error", "invalid_client", "error_description", "Client authentication failed."));
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // A field without a value is left out; a repeated one keeps its last value.
            Map<String, String> form = URLEncodedUtils.parse(body, StandardCharsets.UTF_8).stream()
                    .filter(field -> field.getValue() != null).collect(Collectors.toMap(NameValuePair::getName, NameValuePair::getValue, (first, last) -> last));
            if (!"client_credentials".equals(form.get("grant_type"))) {
                send(exchange, 400, Map.of("error", "unsupported_grant_type", "error_description", "use client_credentials"));
                return;
            }
            Set<String> scopes = new LinkedHashSet<>();
            for (String requested : form.getOrDefault("scope", "").trim().split("\\s+")) {
                if (requested.isEmpty()) {
                    continue;
                }
                // IDCS scopes are requested as <primary audience><scope>.
                if (!requested.startsWith(client.audience())
                        || !client.scopes().contains(requested.substring(client.audience().length()))) {
                    send(exchange, 400, Map.of("error", "invalid_scope", "error_description",
                            "The requested scope is invalid, unknown, or malformed."));
                    return;
                }
                scopes.add(requested.substring(client.audience().length()));
            }
            if (scopes.isEmpty()) {
                scopes.addAll(client.scopes());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", sign(client, scopes, Duration.ofHours(1)));
            answer.put("token_type", "Bearer");
            answer.put("expires_in", 3600);
            send(exchange, 200, answer);
        }
    }

    private Client authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Client c = clients.get(decoded.substring(0, colon));
        boolean ok = c != null && MessageDigest.isEqual(c.secret().getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return ok ? c : null;
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = jwksJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
