package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.auth.internal.AuthUtils;
import com.oracle.bmc.auth.internal.JWK;
import com.oracle.bmc.http.client.Serializer;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The streaming JWK reader gives what the SDK's mapper gives for JWK.class, and fails where it fails. */
public class JwkJsonTest {
    private static final ObjectMapper SDK_MAPPER = SdkJson.configure(new ObjectMapper());
    private static final String N = "\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"";

    private static final List<String> DOCUMENTS = List.of(
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\"}",
            "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"e\":\"AQAB\"," + N + ",\"kid\":\"ocid1.fnfunc.oc1..k\"}",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\" RSA \"}",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\",\"alg\":null,\"use\":null}",
            "{\"kid\":123," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\",\"alg\":true,\"use\":1.5e3}",
            "{\"other\":{\"deep\":[1,{\"x\":[]}]},\"kid\":\"k1\",\"x5c\":[\"abc\"]," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\"}",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\"} trailing",
            "null");

    private static final List<String> REFUSED = List.of("", "  ", "[]", "\"jwk\"", "7", "{}",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\"}",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\"EC\"}",
            "{\"kid\":\"\"," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\"}",
            "{\"kid\":null," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\"}",
            "{\"kid\":\"k1\",\"n\":{\"a\":1},\"e\":\"AQAB\",\"kty\":\"RSA\"}",
            "{\"kid\":[\"k1\"]," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\"}",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\"",
            "{\"kid\":\"k1\"," + N + ",\"e\":\"AQAB\",\"kty\":\"RSA\",\"x\":tru}");

    @Test
    public void readsWhatTheSdksMapperReads() throws IOException {
        for (String json : DOCUMENTS) {
            String expected = describe(SDK_MAPPER.readValue(json, JWK.class));
            assertEquals(json, expected, describe(JdkHttpSerializer.INSTANCE.readValue(json, JWK.class)));
            assertEquals(json, expected, describe(JdkHttpSerializer.INSTANCE.readValue(json.getBytes(StandardCharsets.UTF_8), JWK.class)));
        }
    }

    @Test
    public void refusesWhatTheSdksMapperRefuses() {
        for (String json : REFUSED) {
            expectFailure("the SDK's mapper", json, () -> SDK_MAPPER.readValue(json, JWK.class));
            expectFailure("JwkJson", json, () -> JdkHttpSerializer.INSTANCE.readValue(json, JWK.class));
        }
    }

    @Test
    public void theSdkTurnsATokensJwkIntoThePublicKeyThroughTheSerializer() throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwk = "{\"kid\":\"session\",\"n\":\"" + b64.encodeToString(unsigned(key.getModulus().toByteArray()))
                + "\",\"e\":\"" + b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\",\"kty\":\"RSA\"}";
        assertTrue(Serializer.getDefault() instanceof JdkHttpSerializer);
        RSAPublicKey read = AuthUtils.toPublicKeyFromJson(jwk).orElseThrow();
        assertEquals(key.getModulus(), read.getModulus());
        assertEquals(key.getPublicExponent(), read.getPublicExponent());
        assertTrue(AuthUtils.toPublicKeyFromJson("{\"kid\":\"session\",\"kty\":\"RSA\"}").isEmpty());
        assertNull(Serializer.getDefault().readValue("null", JWK.class));
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static String describe(JWK jwk) {
        return jwk == null ? "null" : String.join("|", jwk.getKeyId(), jwk.getModulus(), jwk.getPublicExponent(),
                jwk.getKeyType(), String.valueOf(jwk.getAlgorithm()), String.valueOf(jwk.getPublicKeyUse()));
    }

    private interface Read {
        Object run() throws IOException;
    }

    private static void expectFailure(String who, String json, Read read) {
        try {
            Object result = read.run();
            fail(who + " read [" + json + "] as " + (result instanceof JWK ? describe((JWK) result) : result));
        } catch (IOException expected) {
            // both readers refuse it
        }
    }
}
