package dev.ocifn.tools.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ocifn.tools.Fixtures;
import dev.ocifn.tools.json.JsonFiles;
import org.junit.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Step two on tokens the local identity domain would not issue: expired, early, odd claims. */
public class TokenCheckTest {
    private static final RSAKey KEY = Fixtures.rsaKey("SIGNING_KEY");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final JsonNode AUTH = JsonFiles.parse("{\"maxClockSkewInSeconds\":30,\"validationPolicy\":{"
            + "\"additionalValidationPolicy\":{\"issuers\":[\"https://identity.oraclecloud.com/\"],"
            + "\"audiences\":[\"https://ocifn.example.com/\"],"
            + "\"verifyClaims\":[{\"key\":\"sub\",\"isRequired\":true},{\"key\":\"tier\",\"values\":[\"gold\"]}]}}}", "auth");

    private static TokenCheck token(JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("SIGNING_KEY").build(), claims.build());
            jwt.sign(new RSASSASigner(KEY));
            return TokenCheck.decode(jwt.serialize()).orElseThrow();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder good() {
        return new JWTClaimsSet.Builder().issuer("https://identity.oraclecloud.com/").audience("https://ocifn.example.com/")
                .subject("client").claim("scope", "usage search").expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    @Test
    public void aGoodTokenPasses() {
        assertEquals(Check.Status.PASS, token(good()).claims(AUTH, NOW).status());
    }

    @Test
    public void expiryAndNotBeforeCountTheClockSkew() {
        assertEquals(Check.Status.PASS, token(good().expirationTime(Date.from(NOW.minusSeconds(20)))).claims(AUTH, NOW).status());
        Check expired = token(good().expirationTime(Date.from(NOW.minusSeconds(40)))).claims(AUTH, NOW);
        assertTrue(expired.cause(), expired.cause().contains("exp 2026-12-07T11:59:20Z has passed (now 2026-12-07T12:00:00Z, skew 30 s)"));
        assertTrue(expired.fix(), expired.fix().contains("clock"));
        Check early = token(good().notBeforeTime(Date.from(NOW.plusSeconds(60)))).claims(AUTH, NOW);
        assertTrue(early.cause(), early.cause().contains("nbf 2026-12-07T12:01:00Z is in the future"));
    }

    @Test
    public void everyMismatchIsNamedInOneRun() {
        Check check = token(good().issuer("https://elsewhere/").audience(List.of("https://other/")).subject(null)
                .claim("tier", "silver")).claims(AUTH, NOW);
        assertEquals(Check.Status.FAIL, check.status());
        for (String part : List.of("iss https://elsewhere/", "aud [https://other/]", "claim sub is required",
                "claim tier is silver, auth.verifyClaims accepts [gold]")) {
            assertTrue(check.cause(), check.cause().contains(part));
        }
        assertTrue(check.fix(), check.fix().endsWith("update the deployments (apigw/out/oci-commands.sh)"));
    }

    @Test
    public void aKidTheDeploymentDoesNotHaveIsNamed() {
        ObjectNode policy = JsonFiles.mapper().createObjectNode().put("type", "STATIC_KEYS");
        ObjectNode other = (ObjectNode) JsonFiles.parse(Fixtures.rsaKey("OTHER").toPublicJWK().toJSONString(), "key");
        policy.putArray("keys").add(other);
        Check check = token(good()).key(policy, url -> { throw new AssertionError("no fetch expected"); }, null);
        assertEquals(Check.Status.FAIL, check.status());
        assertTrue(check.cause(), check.cause().contains("kid SIGNING_KEY is not in the static key in the parameters (kids [OTHER])"));
    }

    @Test
    public void scopesAreReadFromIdcssSpaceSeparatedClaim() {
        assertEquals(java.util.Set.of("usage", "search"), token(good()).scopes());
    }
}
