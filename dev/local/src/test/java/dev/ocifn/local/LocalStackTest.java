package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ocifn.local.idp.LocalIdentityDomain;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The whole chain, driven over HTTP like a client: a token from the local identity domain, the
 * local gateway running the apigw/ specs, the functions in FDK containers, the local OCI
 * endpoints checking every signature.
 */
public class LocalStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USAGE = "{\"timeUsageStarted\":\"2026-09-01T00:00:00Z\",\"timeUsageEnded\":\"2026-11-01T00:00:00Z\","
            + "\"granularity\":\"MONTHLY\",\"groupBy\":[\"service\"]}";
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static Path data;
    private static LocalStack stack;
    /**
     * A second stack whose predict route names an unsafe URL and whose rate limit is 2 requests/s.
     */
    private static LocalStack strict;
    private static String token;

    @BeforeClass
    public static void start() throws Exception {
        data = Files.createTempDirectory("local-stack");
        // Functional tests must not trip the example rate limits; the strict stack tests those.
        stack = LocalStack.start(LocalStack.Options.local(REPOSITORY, data).withRequestsPerSecond(1000), System.err);
        strict = LocalStack.start(LocalStack.Options.local(REPOSITORY, Files.createTempDirectory("local-stack-strict"))
                .withPredictUrl("https://169.254.169.254/ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaaunsafe/predict")
                .withRequestsPerSecond(2), System.err);
        token = fetchToken(LocalStack.CLIENT_ID, "usage search pictures predict");
    }

    @AfterClass
    public static void stop() {
        stack.close();
        strict.close();
    }

    /** Client credentials at the identity domain, scope as IDCS wants it: audience + scope. */
    private static String fetchToken(String client, String scopes) throws Exception {
        StringBuilder scope = new StringBuilder();
        for (String s : scopes.split(" ")) {
            scope.append(scope.length() == 0 ? "" : " ").append(LocalStack.AUDIENCE).append(s);
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.identity().url() + "/oauth2/v1/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (client + ":" + LocalStack.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope.toString(), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("Bearer", answer.get("token_type").asText());
        return answer.get("access_token").asText();
    }

    private static HttpResponse<byte[]> call(String method, String url, String bearer, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> usage(String bearer) throws Exception {
        return call("POST", stack.deploymentUrl("usage-fn") + "/request-summarized-usages", bearer, "application/json",
                USAGE.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    public void usageThroughTheWholeChain() throws Exception {
        HttpResponse<byte[]> r = usage(token);
        assertEquals(new String(r.body()), 200, r.statusCode());
        JsonNode items = json(r).get("items");
        assertTrue(items.size() > 0);
        assertTrue(items.get(0).has("service"));
        assertTrue(r.headers().firstValue("opc-request-id").isPresent());
    }

    @Test
    public void searchThroughTheWholeChain() throws Exception {
        HttpResponse<byte[]> r = call("POST", stack.deploymentUrl("search-fn") + "/search", token, "application/json",
                "{\"type\":\"Structured\",\"query\":\"query autonomousdatabase resources\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(r.body()), 200, r.statusCode());
        JsonNode items = json(r).get("items");
        assertTrue(items.size() > 0);
        for (JsonNode item : items) {
            assertEquals("AutonomousDatabase", item.get("resourceType").asText());
        }
    }

    @Test
    public void picturesUploadDownloadListDelete() throws Exception {
        byte[] png = png(4096);
        String name = "avatar-" + UUID.randomUUID().toString().substring(0, 8) + ".png";
        String url = stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID + "/" + name;
        String boundary = "----boundary" + UUID.randomUUID();
        HttpResponse<byte[]> up = call("POST", url, token, "multipart/form-data; boundary=" + boundary, multipart(boundary, name, png));
        assertEquals(new String(up.body()), 201, up.statusCode());

        HttpResponse<byte[]> down = call("GET", url, token, null, null);
        assertEquals(200, down.statusCode());
        assertArrayEquals(png, down.body());
        assertEquals("image/png", down.headers().firstValue("Content-Type").orElse(""));

        HttpResponse<byte[]> list = call("GET", stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID, token, null, null);
        assertEquals(200, list.statusCode());
        assertTrue(new String(list.body()).contains(name));

        assertEquals(204, call("DELETE", url, token, null, null).statusCode());
        assertEquals(404, call("GET", url, token, null, null).statusCode());
    }

    @Test
    public void predictThroughTheWholeChain() throws Exception {
        HttpResponse<byte[]> r = call("POST", stack.deploymentUrl("model-proxy-fn") + "/predict", token, "application/json",
                "{\"data\":[[1.0,2.0,3.0]]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(r.body()), 200, r.statusCode());
        assertTrue(json(r).has("prediction"));
    }

    @Test
    public void aForgedPredictHeaderIsOverwrittenByTheGateway() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.deploymentUrl("model-proxy-fn") + "/predict"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("model_deployment", "http://169.254.169.254/latest/meta-data")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":[[1.0,2.0,3.0]]}")).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
    }

    @Test
    public void anUnsafePredictEndpointIsRefused() throws Exception {
        String t = strict.identity().tokenFor(LocalStack.CLIENT_ID, Set.of("predict"));
        HttpResponse<byte[]> r = call("POST", strict.deploymentUrl("model-proxy-fn") + "/predict", t, "application/json",
                "{\"data\":[[1.0]]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(r.body()), 400, r.statusCode());
        assertEquals("InvalidParameter", json(r).get("code").asText());
    }

    private static String pictureToken(String subject) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(LocalIdentityDomain.ISSUER)
                .audience(LocalStack.AUDIENCE).claim("scope", "pictures").claim("client_id", LocalStack.OTHER_CLIENT_ID)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (subject != null) {
            claims.subject(subject);
        }
        return stack.identity().sign(claims.build());
    }

    @Test
    public void aTokenWithAnEmptyOrNoSubjectNeverReachesAnotherUsersPictures() throws Exception {
        String url = stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID + "/kept.png";
        assertEquals(200, call("PUT", url, token, "image/png", png(64)).statusCode() / 100 * 100);
        for (String method : List.of("GET", "DELETE")) {
            HttpRequest.Builder forged = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                    .header("X-User-Id", LocalStack.CLIENT_ID).header("X-User-Scopes", "pictures pictures.admin");
            HttpResponse<String> empty = HTTP.send(forged.copy().header("Authorization", "Bearer " + pictureToken("")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(empty.body(), 403, empty.statusCode());
            // verifyClaims requires sub: a token without one is refused by the gateway itself.
            HttpResponse<String> none = HTTP.send(forged.copy().header("Authorization", "Bearer " + pictureToken(null)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(none.body(), 401, none.statusCode());
        }
        assertEquals(200, call("GET", url, token, null, null).statusCode());
    }

    @Test
    public void aCallersModelDeploymentHeaderNeverChangesThePredictUrl() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(strict.deploymentUrl("model-proxy-fn") + "/predict"))
                .header("Authorization", "Bearer " + strict.identity().tokenFor(LocalStack.CLIENT_ID, Set.of("predict")))
                .header("Content-Type", "application/json").header("model_deployment", stack.predictUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":[[1.0]]}")).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        // The strict stack's spec names an unsafe URL: still refused, the caller's safe one was dropped.
        assertEquals(r.body(), 400, r.statusCode());
    }

    @Test
    public void noTokenIs401() throws Exception {
        HttpResponse<byte[]> r = usage(null);
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    public void expiredTokenIs401() throws Exception {
        assertEquals(401, usage(stack.identity().sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(600))).build()))
                .statusCode());
    }

    @Test
    public void wrongAudienceIs401() throws Exception {
        assertEquals(401, usage(stack.identity().sign(claims().audience("https://someone-else/").build())).statusCode());
    }

    @Test
    public void wrongIssuerIs401() throws Exception {
        assertEquals(401, usage(stack.identity().sign(claims().issuer("https://evil.example/").build())).statusCode());
    }

    @Test
    public void wellFormedTokenWithTheRightClaimsIsAccepted() throws Exception {
        // The control for the three above: the same claims, unaltered, pass.
        assertEquals(200, usage(stack.identity().sign(claims().build())).statusCode());
    }

    @Test
    public void tokenSignedWithAnotherKeyIs401() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID(LocalIdentityDomain.KEY_ID).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(LocalIdentityDomain.KEY_ID).build(),
                claims().build());
        jwt.sign(new RSASSASigner(other));
        assertEquals(401, usage(jwt.serialize()).statusCode());
    }

    @Test
    public void unsignedAlgNoneTokenIs401() throws Exception {
        String header = b64("{\"alg\":\"none\",\"kid\":\"SIGNING_KEY\"}");
        String payload = b64(claims().build().toString());
        assertEquals(401, usage(header + "." + payload + ".").statusCode());
    }

    @Test
    public void hmacSignedWithThePublicKeyIs401() throws Exception {
        String publicKey = JSON.readTree(stack.identity().jwksJson()).get("keys").get(0).toString();
        byte[] secret = java.security.MessageDigest.getInstance("SHA-256").digest(publicKey.getBytes(StandardCharsets.UTF_8));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(LocalIdentityDomain.KEY_ID).build(),
                claims().build());
        jwt.sign(new MACSigner(secret));
        assertEquals(401, usage(jwt.serialize()).statusCode());
    }

    @Test
    public void tokenWithoutTheRoutesScopeIs403() throws Exception {
        String onlySearch = fetchToken(LocalStack.CLIENT_ID, "search");
        assertEquals(403, usage(onlySearch).statusCode());
    }

    @Test
    public void anotherUsersPicturesAre403AndNothingIsWritten() throws Exception {
        String other = fetchToken(LocalStack.OTHER_CLIENT_ID, "pictures");
        String url = stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID + "/mine.png";
        HttpResponse<byte[]> write = call("PUT", url, other, "image/png", png(64));
        assertEquals(403, write.statusCode());
        assertEquals(403, call("GET", url, other, null, null).statusCode());
        assertEquals(403, call("DELETE", url, other, null, null).statusCode());
        try (Stream<Path> stored = Files.walk(data.resolve("objectstorage"))) {
            assertFalse(stored.anyMatch(p -> p.toString().contains("mine.png")));
        }
    }

    @Test
    public void bodyOverTheLimitIs413() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024 + 10];
        HttpResponse<byte[]> r = call("PUT", stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID + "/big.png",
                token, "image/png", big);
        assertEquals(413, r.statusCode());
    }

    @Test
    public void unknownRouteIs404AndWrongMethodIs405() throws Exception {
        assertEquals(404, call("GET", stack.gatewayUrl() + "/nowhere", token, null, null).statusCode());
        HttpResponse<byte[]> r = call("GET", stack.deploymentUrl("usage-fn") + "/request-summarized-usages", token, null, null);
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    public void moreRequestsThanTheRateLimitAre429() throws Exception {
        // The strict stack allows 2 requests/s per client; 8 quick ones cannot all pass.
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            HttpResponse<byte[]> r = call("POST", strict.deploymentUrl("search-fn") + "/search", null, null, null);
            if (r.statusCode() == 429) {
                refused++;
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
            }
        }
        assertTrue("no request was refused", refused > 0);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(LocalIdentityDomain.ISSUER).subject(LocalStack.CLIENT_ID)
                .audience(List.of(LocalStack.AUDIENCE)).claim("scope", "usage").claim("client_id", LocalStack.CLIENT_ID)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A PNG signature followed by random bytes, including CR, LF and "--". */
    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        bytes[20] = '\r';
        bytes[21] = '\n';
        bytes[22] = '-';
        bytes[23] = '-';
        return bytes;
    }

    private static byte[] multipart(String boundary, String filename, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileUpload\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
