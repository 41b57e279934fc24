package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ocifn.local.fn.FunctionContainer;
import dev.ocifn.local.gateway.LocalGateway;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The local gateway's log names the check a refused token failed, in the words of the token
 * claim or spec field to fix; the client's answer stays OCI's bare 401/403, and no token is
 * ever written to the log.
 */
public class GatewayRefusalLogTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String UNAUTHORIZED = "{\"code\":401,\"message\":\"Unauthorized\"}";
    private static final String FORBIDDEN = "{\"code\":403,\"message\":\"Forbidden\"}";
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final List<String> TOKENS_SENT = new ArrayList<>();
    private static RSAKey key;
    private static RSAKey key384;
    private static FunctionContainer echo;
    private static LocalGateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        key384 = new RSAKeyGenerator(2048).keyID("k2").algorithm(JWSAlgorithm.RS384).generate();
        // %K1% and %K2%: placeholders no base64url key text can contain (K2 could be in key 1's).
        JsonNode spec = new ObjectMapper().readTree(("{"
                + "\"requestPolicies\":{\"authentication\":{\"type\":\"TOKEN_AUTHENTICATION\",\"tokenHeader\":\"Authorization\","
                + "\"tokenAuthScheme\":\"Bearer\",\"maxClockSkewInSeconds\":30,"
                + "\"validationPolicy\":{\"type\":\"STATIC_KEYS\",\"keys\":[%K1%,%K2%],\"additionalValidationPolicy\":{"
                + "\"issuers\":[\"https://issuer/\"],\"audiences\":[\"aud\"],"
                + "\"verifyClaims\":[{\"key\":\"tier\",\"values\":[\"gold\"],\"isRequired\":true}]}}}},"
                + "\"routes\":["
                + "{\"path\":\"/any/{n}\",\"methods\":[\"GET\"],"
                + "\"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"echo\"}},"
                + "{\"path\":\"/pictures/{n}\",\"methods\":[\"GET\"],"
                + "\"requestPolicies\":{\"authorization\":{\"type\":\"ANY_OF\",\"allowedScope\":[\"pictures\"]}},"
                + "\"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"echo\"}}"
                + "]}").replace("%K1%", jwk(key)).replace("%K2%", jwk(key384)));
        echo = FunctionContainer.start("echo", TestFunctions.class.getName() + "::echo", Map.of(), System.err);
        PrintStream log = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (LOG) {
                    LOG.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        gateway = new LocalGateway(0, Map.of("/g", spec), Map.of("echo", echo), Duration.ofSeconds(5), Clock.systemUTC(), log);
    }

    @AfterClass
    public static void stop() {
        gateway.close();
        echo.close();
        String log = log();
        for (String token : TOKENS_SENT) {
            assertFalse("a token reached the log", log.contains(token));
            assertFalse("a token's signature reached the log", log.contains(token.substring(token.lastIndexOf('.') + 1)));
        }
    }

    private static String jwk(RSAKey k) {
        return k.toPublicJWK().toJSONString().replace("{", "{\"format\":\"JSON_WEB_KEY\",\"use\":\"sig\",");
    }

    private static String log() {
        synchronized (LOG) {
            return LOG.toString(StandardCharsets.UTF_8);
        }
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer("https://issuer/").audience("aud").subject("alice").claim("tier", "gold")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static String token(JWTClaimsSet.Builder claims) throws Exception {
        return token(JWSAlgorithm.RS256, "k1", new RSASSASigner(key), claims);
    }

    private static String token(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Sends the request and returns the gateway's log line for it, once it is written. */
    private static String logLineOf(String route, String authorization, int status, String body) throws Exception {
        String path = "/g/" + route + "/call" + CALLS.incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
            TOKENS_SENT.add(authorization.substring(authorization.indexOf(' ') + 1));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), status, r.statusCode());
        if (body != null) {
            // Exactly what the client saw before the log said more: OCI's bare answer.
            assertEquals(body, r.body());
            assertEquals(List.of("application/json"), r.headers().allValues("Content-Type"));
            assertEquals(status == 401 ? List.of("Bearer error=\"invalid_token\"") : List.of(),
                    r.headers().allValues("WWW-Authenticate"));
        }
        // The gateway logs after it answered: wait for the line.
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            for (String line : log().split("\n")) {
                if (line.startsWith("gateway GET " + path + " ")) {
                    assertTrue(line, line.startsWith("gateway GET " + path + " " + status + " "));
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no log line for " + path + " in:\n" + log());
    }

    private static void assertRefusal(String authorization, String reason) throws Exception {
        String line = logLineOf("any", authorization, 401, UNAUTHORIZED);
        assertTrue(line, line.endsWith("ms (" + reason + ")"));
    }

    private static void assertRefusalStarts(String authorization, String reasonStart) throws Exception {
        String line = logLineOf("any", authorization, 401, UNAUTHORIZED);
        assertTrue(line, line.contains("ms (" + reasonStart));
    }

    @Test
    public void aValidTokenPassesAndItsLineHasNoReason() throws Exception {
        String line = logLineOf("any", "Bearer " + token(valid()), 299, null);
        assertTrue(line, line.endsWith("ms"));
    }

    @Test
    public void noToken() throws Exception {
        assertRefusal(null, "no token: tokenHeader 'Authorization' is missing");
    }

    @Test
    public void scheme() throws Exception {
        assertRefusal("Basic " + token(valid()), "scheme: the Authorization header does not start with tokenAuthScheme 'Bearer '");
    }

    @Test
    public void notAJwt() throws Exception {
        assertRefusal("Bearer not-a-jwt", "token: not a signed JWT (header.payload.signature, base64url)");
    }

    @Test
    public void alg() throws Exception {
        String hmac = token(JWSAlgorithm.HS256, "k1", new MACSigner("a-shared-secret-of-at-least-32-bytes!"), valid());
        assertRefusal("Bearer " + hmac, "alg: token has 'HS256', accepted RS256, RS384, RS512");
    }

    @Test
    public void algOfTheKey() throws Exception {
        assertRefusal("Bearer " + token(JWSAlgorithm.RS256, "k2", new RSASSASigner(key384), valid()),
                "alg: token has RS256, key 'k2' is for RS384");
    }

    @Test
    public void kid() throws Exception {
        assertRefusal("Bearer " + token(JWSAlgorithm.RS256, "k9", new RSASSASigner(key), valid()),
                "kid: token has 'k9', the deployment's keys have ['k1', 'k2']");
    }

    @Test
    public void signature() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertRefusal("Bearer " + token(JWSAlgorithm.RS256, "k1", new RSASSASigner(other), valid()),
                "signature: does not verify with key 'k1' (signed by another key with the same kid?)");
    }

    @Test
    public void iss() throws Exception {
        assertRefusal("Bearer " + token(valid().issuer("https://identity.oraclecloud.com/")),
                "iss: token has 'https://identity.oraclecloud.com/', issuers accepts ['https://issuer/']");
    }

    @Test
    public void aud() throws Exception {
        assertRefusal("Bearer " + token(valid().audience(List.of("urn:other", "x"))),
                "aud: token has ['urn:other', 'x'], audiences accepts ['aud']");
        assertRefusal("Bearer " + token(valid().audience((String) null)), "aud: token has none, audiences accepts ['aud']");
    }

    @Test
    public void exp() throws Exception {
        assertRefusalStarts("Bearer " + token(valid().expirationTime(Date.from(Instant.now().minusSeconds(60)))),
                "exp: token expired at ");
        assertRefusal("Bearer " + token(valid().expirationTime(null)), "exp: token has none (API Gateway requires it)");
    }

    @Test
    public void nbf() throws Exception {
        String line = logLineOf("any", "Bearer " + token(valid().notBeforeTime(Date.from(Instant.now().plusSeconds(600)))),
                401, UNAUTHORIZED);
        assertTrue(line, line.contains("ms (nbf: token not valid before ") && line.endsWith("with maxClockSkewInSeconds 30)"));
    }

    @Test
    public void verifyClaims() throws Exception {
        assertRefusal("Bearer " + token(valid().claim("tier", null)),
                "verifyClaims: claim 'tier' is required and the token has none");
        assertRefusal("Bearer " + token(valid().claim("tier", "tin")),
                "verifyClaims: claim 'tier' has 'tin', values accepts ['gold']");
    }

    @Test
    public void scopeNamesWhatTheTokenHasAndWhatTheRouteNeeds() throws Exception {
        String line = logLineOf("pictures", "Bearer " + token(valid().claim("scope", "usage search")), 403, FORBIDDEN);
        assertTrue(line, line.endsWith("ms (scope: token has ['usage', 'search'], route needs any of allowedScope ['pictures'])"));
        assertEquals(299, Integer.parseInt(logLineOf("pictures", "Bearer " + token(valid().claim("scope", "pictures")), 299, null)
                .split(" ")[3]));
    }

    @Test
    public void aTokensValuesCannotWriteLinesOfTheirOwn() throws Exception {
        assertRefusal("Bearer " + token(valid().issuer("x\ngateway GET /forged 200 1ms")),
                "iss: token has 'x?gateway GET /forged 200 1ms', issuers accepts ['https://issuer/']");
        String longIssuer = "i".repeat(500);
        String line = logLineOf("any", "Bearer " + token(valid().issuer(longIssuer)), 401, UNAUTHORIZED);
        assertFalse(line, line.contains(longIssuer));
        assertTrue(line, line.contains("'" + "i".repeat(100) + "...'"));
    }
}
