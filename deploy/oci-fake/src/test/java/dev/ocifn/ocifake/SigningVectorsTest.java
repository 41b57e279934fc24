package dev.ocifn.ocifake;

import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** The verifier against the test values Oracle publishes for its request signatures. */
public class SigningVectorsTest {
    private static final String KEY_ID = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
            + "/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
            + "/20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
    private static final String HOST = "iaas.us-phoenix-1.oraclecloud.com";
    private static final String DATE = "Thu, 05 Jan 2014 21:31:40 GMT";
    private static final String GET_TARGET = "/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1"
            + "&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa"
            + "&displayName=TeamXInstances"
            + "&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q";

    private final SignatureVerifier verifier;

    public SigningVectorsTest() throws Exception {
        TrustStore trust = new TrustStore().trustApiKey(KEY_ID, publicKey());
        Clock signedAt = Clock.fixed(Instant.parse("2014-01-05T21:31:40Z"), ZoneOffset.UTC);
        verifier = new SignatureVerifier(trust, signedAt, Duration.ofMinutes(5));
    }

    @Test
    public void publishedGetVerifies() throws Exception {
        TrustStore.Principal p = verifier.verify("GET", GET_TARGET, getHeaders(), new byte[0], HOST, false);
        assertEquals(KEY_ID, p.keyId());
    }

    @Test
    public void publishedPostVerifies() throws Exception {
        byte[] body = resource("post-body.json");
        assertEquals(316, body.length);
        assertEquals("V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0=", SignatureVerifier.sha256(body));
        verifier.verify("POST", "/20160918/volumeAttachments", postHeaders(body), body, HOST, false);
    }

    @Test
    public void changedQueryDoesNotVerify() {
        String reordered = GET_TARGET.replace("TeamXInstances", "TeamYInstances");
        assertRejected("signature does not verify",
                () -> verifier.verify("GET", reordered, getHeaders(), new byte[0], HOST, false));
    }

    @Test
    public void changedBodyIsCaughtByItsHash() throws Exception {
        byte[] body = resource("post-body.json");
        byte[] tampered = body.clone();
        tampered[10] = 'X';
        assertRejected("x-content-sha256 does not match the body",
                () -> verifier.verify("POST", "/20160918/volumeAttachments", postHeaders(body), tampered, HOST, false));
    }

    @Test
    public void otherHostIsRefused() {
        assertRejected("host header does not name this server",
                () -> verifier.verify("GET", GET_TARGET, getHeaders(), new byte[0], "evil.example.com", false));
    }

    @Test
    public void staleDateIsRefused() {
        SignatureVerifier later = new SignatureVerifier(new TrustStore().trustApiKey(KEY_ID, publicKeyUnchecked()),
                Clock.fixed(Instant.parse("2014-01-05T21:37:41Z"), ZoneOffset.UTC), Duration.ofMinutes(5));
        assertRejected("date is more than 5 minutes from now",
                () -> later.verify("GET", GET_TARGET, getHeaders(), new byte[0], HOST, false));
    }

    @Test
    public void postMustSignItsBody() throws Exception {
        byte[] body = resource("post-body.json");
        Map<String, List<String>> headers = getHeaders(); // signs only date, (request-target), host
        headers.put("content-length", List.of("316"));
        assertRejected("POST must sign content-length",
                () -> verifier.verify("POST", GET_TARGET, headers, body, HOST, false));
    }

    @Test
    public void unknownKeyIsRefused() {
        SignatureVerifier strangers = new SignatureVerifier(new TrustStore(),
                Clock.fixed(Instant.parse("2014-01-05T21:31:40Z"), ZoneOffset.UTC), Duration.ofMinutes(5));
        assertRejected("unknown keyId",
                () -> strangers.verify("GET", GET_TARGET, getHeaders(), new byte[0], HOST, false));
    }

    private static void assertRejected(String reason, org.junit.function.ThrowingRunnable call) {
        SignatureVerifier.Rejected e = assertThrows(SignatureVerifier.Rejected.class, call);
        assertTrue(e.getMessage(), e.getMessage().startsWith(reason));
    }

    private Map<String, List<String>> getHeaders() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("date", List.of(DATE));
        h.put("host", List.of(HOST));
        h.put("authorization", List.of(text("get.authorization")));
        return h;
    }

    private Map<String, List<String>> postHeaders(byte[] body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("date", List.of(DATE));
        h.put("host", List.of(HOST));
        h.put("content-type", List.of("application/json"));
        h.put("content-length", List.of(String.valueOf(body.length)));
        h.put("x-content-sha256", List.of(SignatureVerifier.sha256(body)));
        h.put("authorization", List.of(text("post.authorization")));
        return h;
    }

    private static PublicKey publicKey() throws Exception {
        String pem = new String(resource("public.pem"), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static PublicKey publicKeyUnchecked() {
        try {
            return publicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String name) {
        try {
            return new String(resource(name), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SigningVectorsTest.class.getResourceAsStream("/signing-vectors/" + name)) {
            return in.readAllBytes();
        }
    }
}
