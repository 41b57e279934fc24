package dev.ocifn.tools.idcs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ocifn.tools.Fixtures;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class StaticKeysTest {
    private static final RSAKey SIGNING = Fixtures.rsaKey("SIGNING_KEY");
    private static final RSAKey OTHER = Fixtures.rsaKey("OTHER_KEY");

    @Test
    public void idcsKeyBecomesTheGatewaysStaticKey() {
        ObjectNode key = StaticKeys.fromJwks(Fixtures.jwks(Fixtures.idcsShapedKey(SIGNING)), null);

        List<String> fields = new ArrayList<>();
        key.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("kid", "kty", "use", "alg", "n", "e"), fields);
        assertEquals("SIGNING_KEY", key.get("kid").asText());
        assertEquals("RSA", key.get("kty").asText());
        assertEquals("sig", key.get("use").asText());
        assertEquals("RS256", key.get("alg").asText());
        assertEquals(SIGNING.getModulus().toString(), key.get("n").asText());
        assertEquals(SIGNING.getPublicExponent().toString(), key.get("e").asText());
        assertFalse(key.has("key_ops"));
        assertFalse(key.has("x5c"));
    }

    @Test
    public void keyOpsTheGuidesDescribeIsDroppedEvenWithUnknownOperations() {
        ObjectNode idcs = Fixtures.idcsShapedKey(SIGNING);
        idcs.putArray("key_ops").add("sig").add("encrypt");

        ObjectNode key = StaticKeys.fromJwks(Fixtures.jwks(idcs), null);

        assertFalse(key.has("key_ops"));
        assertEquals("sig", key.get("use").asText());
    }

    @Test
    public void aSingleKeyWithoutTheKeysWrapperIsAccepted() {
        ObjectNode key = StaticKeys.fromJwks(Fixtures.idcsShapedKey(SIGNING).toString(), null);
        assertEquals("SIGNING_KEY", key.get("kid").asText());
    }

    @Test
    public void noRsaKeyIsAnError() {
        ObjectNode ec = JsonFiles.mapper().createObjectNode();
        ec.put("kty", "EC").put("kid", "ec1").put("crv", "P-256").put("x", "AAAA").put("y", "BBBB");
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(ec), null));
        assertTrue(e.getMessage(), e.getMessage().contains("no RSA key"));
        assertTrue(e.getMessage(), e.getMessage().contains("EC"));
    }

    @Test
    public void emptyKeySetIsAnError() {
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks("{\"keys\":[]}", null));
        assertTrue(e.getMessage(), e.getMessage().contains("no RSA key"));
    }

    @Test
    public void keyWithoutKidIsAnError() {
        ObjectNode idcs = Fixtures.idcsShapedKey(SIGNING);
        idcs.remove("kid");
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(idcs), null));
        assertTrue(e.getMessage(), e.getMessage().contains("no kid"));
    }

    @Test
    public void severalKeysNeedAKid() {
        String jwks = Fixtures.jwks(Fixtures.idcsShapedKey(SIGNING), Fixtures.idcsShapedKey(OTHER));
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(jwks, null));
        assertTrue(e.getMessage(), e.getMessage().contains("--kid"));
        assertTrue(e.getMessage(), e.getMessage().contains("SIGNING_KEY") && e.getMessage().contains("OTHER_KEY"));

        assertEquals(OTHER.getModulus().toString(), StaticKeys.fromJwks(jwks, "OTHER_KEY").get("n").asText());
    }

    @Test
    public void unknownKidIsAnError() {
        String jwks = Fixtures.jwks(Fixtures.idcsShapedKey(SIGNING));
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(jwks, "NOPE"));
        assertTrue(e.getMessage(), e.getMessage().contains("no RSA key with kid 'NOPE'"));
    }

    @Test
    public void encryptionKeyIsRefused() {
        ObjectNode idcs = Fixtures.idcsShapedKey(SIGNING);
        idcs.put("use", "enc");
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(idcs), null));
        assertTrue(e.getMessage(), e.getMessage().contains("use 'enc'"));
    }

    @Test
    public void missingOrForeignAlgIsRefused() {
        ObjectNode noAlg = Fixtures.idcsShapedKey(SIGNING);
        noAlg.remove("alg");
        assertTrue(assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(noAlg), null))
                .getMessage().contains("alg is missing"));
        ObjectNode ps256 = Fixtures.idcsShapedKey(SIGNING);
        ps256.put("alg", "PS256");
        assertTrue(assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(ps256), null))
                .getMessage().contains("'PS256' is not accepted"));
    }

    @Test
    public void truncatedModulusIsRefused() {
        ObjectNode idcs = Fixtures.idcsShapedKey(SIGNING);
        idcs.put("n", idcs.get("n").asText().substring(0, 40));
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(idcs), null));
        assertTrue(e.getMessage(), e.getMessage().contains("cut short"));
    }

    @Test
    public void aModulusOverApiGatewaysLimitIsRefused() {
        ObjectNode idcs = Fixtures.idcsShapedKey(SIGNING);
        java.math.BigInteger n = java.math.BigInteger.ONE.shiftLeft(4100).add(java.math.BigInteger.valueOf(12345));
        idcs.put("n", com.nimbusds.jose.util.Base64URL.encode(com.nimbusds.jose.util.BigIntegerUtils.toBytesUnsigned(n)).toString());
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(idcs), null));
        assertTrue(e.getMessage(), e.getMessage().contains("4101 bits") && e.getMessage().contains("2048 to 4096"));
    }

    @Test
    public void nonBase64UrlModulusIsRefused() {
        ObjectNode idcs = Fixtures.idcsShapedKey(SIGNING);
        idcs.put("n", idcs.get("n").asText().replace('-', '+') + "+/=");
        ToolException e = assertThrows(ToolException.class, () -> StaticKeys.fromJwks(Fixtures.jwks(idcs), null));
        assertTrue(e.getMessage(), e.getMessage().contains("not base64url"));
    }

    @Test
    public void notJsonOrNotAJwksIsAClearError() {
        assertTrue(assertThrows(ToolException.class, () -> StaticKeys.fromJwks("<html>", null))
                .getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(ToolException.class, () -> StaticKeys.fromJwks("{\"foo\":1}", null))
                .getMessage().contains("not a JWKS"));
    }

    @Test
    public void convertedKeyPassesTheStaticKeyCheckAndRawIdcsKeyDoesNot() {
        ObjectNode converted = StaticKeys.fromJwks(Fixtures.jwks(Fixtures.idcsShapedKey(SIGNING)), null);
        assertEquals(converted, StaticKeys.requireStaticKey(converted, "key.json"));

        ToolException raw = assertThrows(ToolException.class,
                () -> StaticKeys.requireStaticKey(Fixtures.idcsShapedKey(SIGNING), "key.json"));
        assertTrue(raw.getMessage(), raw.getMessage().contains("key_ops"));
        ToolException set = assertThrows(ToolException.class, () -> StaticKeys.requireStaticKey(
                JsonFiles.parse(Fixtures.jwks(converted), "t"), "key.json"));
        assertTrue(set.getMessage(), set.getMessage().contains("is a JWKS"));
    }
}
