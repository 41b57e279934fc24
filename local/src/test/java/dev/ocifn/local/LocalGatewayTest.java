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
import dev.ocifn.local.gateway.LocalGateway;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.net.URI;
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
                + "\"requestPolicies\":{\"authentication\":{\"type\":\"JWT_AUTHENTICATION\",\"tokenHeader\":\"Authorization\","
                + "\"tokenAuthScheme\":\"Bearer\",\"issuers\":[\"https://issuer/\"],\"audiences\":[\"aud\"],"
                + "\"maxClockSkewInSeconds\":30,\"verifyClaims\":[{\"key\":\"tier\",\"values\":[\"gold\"],\"isRequired\":false}],"
                + "\"publicKeys\":{\"type\":\"STATIC_KEYS\",\"keys\":[THE_JWK]}}},"
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
