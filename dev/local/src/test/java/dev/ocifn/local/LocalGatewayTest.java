package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ocifn.local.fn.FunctionContainer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.local.gateway.LocalGateway;
import dev.ocifn.local.idp.LocalIdentityDomain;
import dev.ocifn.tools.idcs.StaticKeys;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** The local gateway's own behaviour, on a hand-written spec and test functions. */
public class LocalGatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RSAKey key;
    private static FunctionContainer echo;
    private static FunctionContainer slow;
    private static FunctionContainer fail;
    private static LocalGateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        JsonNode spec = new ObjectMapper().readTree(("{"
                + "\"requestPolicies\":{\"authentication\":{\"type\":\"TOKEN_AUTHENTICATION\",\"tokenHeader\":\"Authorization\","
                + "\"tokenAuthScheme\":\"Bearer\",\"maxClockSkewInSeconds\":30,"
                + "\"validationPolicy\":{\"type\":\"STATIC_KEYS\",\"keys\":[THE_JWK],\"additionalValidationPolicy\":{"
                + "\"issuers\":[\"https://issuer/\"],\"audiences\":[\"aud\"],"
                + "\"verifyClaims\":[{\"key\":\"tier\",\"values\":[\"gold\"],\"isRequired\":false}]}}}},"
                + "\"routes\":["
                + "{\"path\":\"/echo/{id}/{rest*}\",\"methods\":[\"GET\",\"POST\"],"
                + "\"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"echo\"},"
                + "\"requestPolicies\":{\"headerTransformations\":{"
                + "\"filterHeaders\":{\"type\":\"BLOCK\",\"items\":[{\"name\":\"X-Secret\"}]},"
                + "\"renameHeaders\":{\"items\":[{\"from\":\"X-Old\",\"to\":\"X-New\"}]},"
                + "\"setHeaders\":{\"items\":["
                + "{\"name\":\"X-Sub\",\"values\":[\"${request.auth[sub]}\"],\"ifExists\":\"OVERWRITE\"},"
                + "{\"name\":\"X-Id\",\"values\":[\"id-${request.path[id]}\"],\"ifExists\":\"OVERWRITE\"},"
                + "{\"name\":\"X-Copy\",\"values\":[\"${request.headers[X-Source]}\"],\"ifExists\":\"SKIP\"},"
                + "{\"name\":\"X-Q\",\"values\":[\"${request.query[q]}\"],\"ifExists\":\"APPEND\"}]}}}},"
                + "{\"path\":\"/slow\",\"methods\":[\"GET\"],\"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"slow\"}},"
                + "{\"path\":\"/fail\",\"methods\":[\"GET\"],\"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"fail\"}}"
                + "]}").replace("THE_JWK", key.toPublicJWK().toJSONString().replace("{", "{\"format\":\"JSON_WEB_KEY\",\"use\":\"sig\",")));
        String cls = TestFunctions.class.getName();
        echo = FunctionContainer.start("echo", cls + "::echo", Map.of(), System.err);
        slow = FunctionContainer.start("slow", cls + "::slow", Map.of(), System.err);
        fail = FunctionContainer.start("fail", cls + "::fail", Map.of(), System.err);
        gateway = new LocalGateway(0, Map.of("/t", spec), Map.of("echo", echo, "slow", slow, "fail", fail),
                Duration.ofMillis(1500), Clock.systemUTC(), System.err);
    }

    @AfterClass
    public static void stop() {
        gateway.close();
        echo.close();
        slow.close();
        fail.close();
    }

    private static String specWith(String authentication) {
        return "{\"requestPolicies\":{\"authentication\":" + authentication + "},\"routes\":[{\"path\":\"/x\","
                + "\"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"echo\"}}]}";
    }

    private static String refusal(String spec) throws Exception {
        JsonNode parsed = new ObjectMapper().readTree(spec);
        return assertThrows(IllegalArgumentException.class, () -> new LocalGateway(0, Map.of("/u", parsed), Map.of("echo", echo),
                Duration.ofSeconds(1), Clock.systemUTC(), System.err)).getMessage();
    }

    private static String keyPolicy(String key) {
        return "{\"type\":\"TOKEN_AUTHENTICATION\",\"tokenHeader\":\"Authorization\",\"tokenAuthScheme\":\"Bearer\","
                + "\"validationPolicy\":{\"type\":\"STATIC_KEYS\",\"keys\":[" + key + "],"
                + "\"additionalValidationPolicy\":{\"issuers\":[\"i\"],\"audiences\":[\"a\"]}}}";
    }

    @Test
    public void aSpecItDoesNotImplementIsRefusedAtStartNotReadLeniently() throws Exception {
        assertTrue(refusal(specWith("{\"type\":\"CUSTOM_AUTHENTICATION\",\"functionId\":\"f\"}")).contains("not emulated"));
        String discovery = "{\"type\":\"TOKEN_AUTHENTICATION\",\"tokenHeader\":\"Authorization\",\"validationPolicy\":"
                + "{\"type\":\"REMOTE_DISCOVERY\",\"additionalValidationPolicy\":{\"issuers\":[\"i\"],\"audiences\":[\"a\"]}}}";
        assertTrue(refusal(specWith(discovery)).contains("REMOTE_DISCOVERY"));
        String failurePolicy = keyPolicy(key.toPublicJWK().toJSONString().replace("{", "{\"use\":\"sig\","))
                .replace("\"validationPolicy\"", "\"validationFailurePolicy\":{\"type\":\"MODIFY_RESPONSE\"},\"validationPolicy\"");
        assertTrue(refusal(specWith(failurePolicy)).contains("validationFailurePolicy"));
        String jwk = key.toPublicJWK().toJSONString().replace("{", "{\"use\":\"sig\",");
        String cors = specWith(keyPolicy(jwk)).replace("\"routes\"", "\"cors\":{\"allowedOrigins\":[\"*\"]},\"routes\"");
        assertTrue(refusal(cors).contains("'cors' is not emulated"));
        String http = specWith(keyPolicy(jwk)).replace("\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"echo\"",
                "\"type\":\"HTTP_BACKEND\",\"url\":\"https://example.com\"");
        assertTrue(refusal(http).contains("backend type 'HTTP_BACKEND' is not emulated"));
    }

    @Test
    public void anIdentityDomainsKeyPastedUnconvertedFailsAsInOciAndTheConvertedOnePasses() throws Exception {
        try (LocalIdentityDomain idcs = LocalIdentityDomain.start(0, List.of())) {
            JsonNode raw = new ObjectMapper().readTree(idcs.jwksJson()).get("keys").get(0);
            assertEquals("[\"sig\",\"encrypt\"]", raw.get("key_ops").toString());
            assertTrue(raw.has("x5c") && raw.has("x5t") && !raw.has("use"));
            String message = refusal(specWith(keyPolicy(raw.toString())));
            assertTrue(message, message.contains("key_ops") && message.contains("verify"));
            ObjectNode converted = StaticKeys.fromJwks(idcs.jwksJson(), null);
            converted.put("format", "JSON_WEB_KEY");
            new LocalGateway(0, Map.of("/u", new ObjectMapper().readTree(specWith(keyPolicy(converted.toString())))),
                    Map.of("echo", echo), Duration.ofSeconds(1), Clock.systemUTC(), System.err).close();
        }
    }

    @Test
    public void theIdentityDomainsOwnKeySetAsARemoteJwksIsUnusable() throws Exception {
        // Its key has key_ops ["sig","encrypt"] and no use: not a verification key by the gateway's
        // rule, so every request of the deployment gets 500, as for a JWKS the gateway cannot use.
        try (LocalIdentityDomain idcs = LocalIdentityDomain.start(0, List.of(
                new LocalIdentityDomain.Client("c", "s", "a", java.util.Set.of("x"))))) {
            String remote = "{\"type\":\"TOKEN_AUTHENTICATION\",\"tokenHeader\":\"Authorization\",\"tokenAuthScheme\":\"Bearer\","
                    + "\"validationPolicy\":{\"type\":\"REMOTE_JWKS\",\"uri\":\"" + idcs.url() + "/admin/v1/SigningCert/jwk\","
                    + "\"maxCacheDurationInHours\":1,\"additionalValidationPolicy\":{\"issuers\":[\"" + LocalIdentityDomain.ISSUER
                    + "\"],\"audiences\":[\"a\"]}}}";
            try (LocalGateway g = new LocalGateway(0, Map.of("/u", new ObjectMapper().readTree(specWith(remote))),
                    Map.of("echo", echo), Duration.ofSeconds(5), Clock.systemUTC(), System.err)) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(g.url() + "/u/x"))
                        .header("Authorization", "Bearer " + idcs.tokenFor("c", java.util.Set.of("x"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(r.body(), 500, r.statusCode());
            }
        }
    }

    @Test
    public void keysOutsideOraclesSizeLimitsAreRefused() throws Exception {
        RSAKey small = new RSAKeyGenerator(1024, true).keyID("s").generate();
        String message = refusal(specWith(keyPolicy(small.toPublicJWK().toJSONString().replace("{", "{\"use\":\"sig\","))));
        assertTrue(message, message.contains("1024 bits"));
    }

    @Test
    public void existingJwtAuthenticationSpecsStayReadable() throws Exception {
        String jwt = "{\"type\":\"JWT_AUTHENTICATION\",\"tokenHeader\":\"Authorization\",\"tokenAuthScheme\":\"Bearer\","
                + "\"issuers\":[\"https://issuer/\"],\"audiences\":[\"aud\"],\"publicKeys\":{\"type\":\"STATIC_KEYS\",\"keys\":["
                + key.toPublicJWK().toJSONString().replace("{", "{\"use\":\"sig\",") + "]}}";
        try (LocalGateway old = new LocalGateway(0, Map.of("/u", new ObjectMapper().readTree(specWith(jwt))), Map.of("echo", echo),
                Duration.ofSeconds(5), Clock.systemUTC(), System.err)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(old.url() + "/u/x"))
                    .header("Authorization", "Bearer " + token(valid())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(r.body(), 299, r.statusCode());
        }
    }

    @Test
    public void aSetWhoseValueRendersEmptyIsSkippedAsInOci() throws Exception {
        // Why pictures-fn also checks X-User-Subject, whose value is never empty.
        HttpResponse<String> r = get("/t/echo/42/a", token(valid().subject("")), "X-Sub", "mallory");
        assertEquals(r.body(), 299, r.statusCode());
        assertTrue(r.body(), r.body().contains("X-Sub=mallory\n"));
        assertTrue(r.body(), r.body().contains("X-Id=id-42\n"));
    }

    @Test
    public void aHeaderBothBlockedAndSetIsRefusedAsOciRefusesIt() throws Exception {
        String spec = specWith(keyPolicy(key.toPublicJWK().toJSONString().replace("{", "{\"use\":\"sig\",")))
                .replace("\"backend\"", "\"requestPolicies\":{\"headerTransformations\":{"
                        + "\"filterHeaders\":{\"type\":\"BLOCK\",\"items\":[{\"name\":\"X-User-Id\"}]},"
                        + "\"setHeaders\":{\"items\":[{\"name\":\"x-user-id\",\"values\":[\"${request.auth[sub]}\"]}]}}},\"backend\"");
        String message = refusal(spec);
        assertTrue(message, message.contains("more than one header transformation"));
    }

    private static java.net.Socket connect() throws Exception {
        URI u = URI.create(gateway.url());
        java.net.Socket socket = new java.net.Socket(u.getHost(), u.getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** The status line and headers of the answer on a raw connection. */
    private static String head(java.net.Socket socket) throws Exception {
        java.io.InputStream in = socket.getInputStream();
        StringBuilder out = new StringBuilder();
        while (!out.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            out.append((char) c);
        }
        return out.toString();
    }

    @Test
    public void clientsThatNeverFinishTheirRequestStarveNoOne() throws Exception {
        List<java.net.Socket> stalled = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                java.net.Socket s = connect();
                s.getOutputStream().write("GET /t/echo/1/x HTTP/1.1\r\nHost: local\r\nX-Partial: ".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create(gateway.url() + "/t/echo/1/x")).header("Authorization", "Bearer " + token(valid())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(299, answer.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        } finally {
            for (java.net.Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    public void refusedLargeUploadsGetTheirStatusNotAReset() throws Exception {
        int clients = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<String>> heads = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                heads.add(pool.submit(() -> {
                    try (java.net.Socket s = connect()) {
                        byte[] body = new byte[2 * 1024 * 1024];
                        // No token: refused from the headers, before the body is read.
                        s.getOutputStream().write(("POST /t/echo/1/x HTTP/1.1\r\nHost: local\r\nContent-Type: image/png\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        Thread writer = new Thread(() -> {
                            try {
                                s.getOutputStream().write(body);
                            } catch (java.io.IOException ignored) {
                                // the gateway may close once it has answered
                            }
                        });
                        writer.start();
                        String head = head(s);
                        // Then the JSON body, and the connection ends: no next request on it.
                        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
                        assertTrue(head, length.find());
                        assertEquals(Integer.parseInt(length.group(1)), s.getInputStream().readNBytes(Integer.parseInt(length.group(1))).length);
                        assertEquals(-1, s.getInputStream().read());
                        writer.join(10_000);
                        return head;
                    }
                }));
            }
            for (java.util.concurrent.Future<String> h : heads) {
                String head = h.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(head, head.startsWith("HTTP/1.1 401 "));
                assertTrue(head, head.toLowerCase().contains("connection: close"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aBodyShorterThanItsLengthIs400() throws Exception {
        try (java.net.Socket s = connect()) {
            s.getOutputStream().write(("POST /t/echo/1/x HTTP/1.1\r\nHost: local\r\nAuthorization: Bearer " + token(valid())
                    + "\r\nContent-Length: 100\r\n\r\nonly ten b").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String head = head(s);
            assertTrue(head, head.startsWith("HTTP/1.1 400 "));
            assertTrue(head, head.toLowerCase().contains("connection: close"));
        }
    }

    private static String token(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer("https://issuer/").audience("aud").subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static HttpResponse<String> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void headerTransformationsUseContextVariablesAndTheFunctionsAnswerPassesBack() throws Exception {
        HttpResponse<String> r = get("/t/echo/42/a/b?q=x", token(valid()),
                "X-Sub", "forged", "X-Secret", "s", "X-Old", "renamed", "X-Source", "copied", "X-Q", "first");
        assertEquals(r.body(), 299, r.statusCode());
        assertEquals("yes", r.headers().firstValue("X-From-Function").orElse(""));
        String seen = r.body();
        assertTrue(seen, seen.contains("X-Sub=alice\n"));
        assertTrue(seen, seen.contains("X-Id=id-42\n"));
        assertTrue(seen, seen.contains("X-New=renamed\n"));
        assertTrue(seen, !seen.contains("X-Secret") && !seen.contains("X-Old"));
        assertTrue(seen, seen.contains("X-Copy=copied\n"));
        assertTrue(seen, seen.contains("X-Q=first,x\n"));
        assertTrue(seen, seen.contains("url=/t/echo/42/a/b?q=x\n"));
    }

    @Test
    public void clockSkewIsHonouredBothWays() throws Exception {
        assertEquals(299, get("/t/echo/1/x", token(valid().expirationTime(Date.from(Instant.now().minusSeconds(10))))).statusCode());
        assertEquals(401, get("/t/echo/1/x", token(valid().expirationTime(Date.from(Instant.now().minusSeconds(60))))).statusCode());
        assertEquals(299, get("/t/echo/1/x", token(valid().notBeforeTime(Date.from(Instant.now().plusSeconds(10))))).statusCode());
        assertEquals(401, get("/t/echo/1/x", token(valid().notBeforeTime(Date.from(Instant.now().plusSeconds(60))))).statusCode());
    }

    @Test
    public void verifyClaimsChecksAPresentClaim() throws Exception {
        assertEquals(299, get("/t/echo/1/x", token(valid().claim("tier", "gold"))).statusCode());
        assertEquals(401, get("/t/echo/1/x", token(valid().claim("tier", "tin"))).statusCode());
    }

    @Test
    public void aSlowFunctionIs504AndAFailingOneIs502() throws Exception {
        assertEquals(504, get("/t/slow", token(valid())).statusCode());
        HttpResponse<String> failed = get("/t/fail", token(valid()));
        assertEquals(502, failed.statusCode());
        assertEquals(List.of("application/json"), failed.headers().allValues("Content-Type"));
    }

    @Test
    public void aWildcardNeedsAtLeastOneSegment() throws Exception {
        assertEquals(404, get("/t/echo/1", token(valid())).statusCode());
    }
}
