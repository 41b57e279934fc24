package dev.ocifn.ocifake;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The keys a local OCI endpoint accepts: API keys by keyId, and resource-principal session
 * tokens (keyId {@code ST$<rpst>}) whose RPST was signed by a trusted issuer and has not expired.
 */
public final class TrustStore {
    private final Map<String, PublicKey> apiKeys = new ConcurrentHashMap<>();
    private final List<RSAPublicKey> issuers = new CopyOnWriteArrayList<>();

    /** Who signed a request: the keyId, its tenancy, and the key that verified it. */
    public record Principal(String keyId, String tenancyId, PublicKey key) {
        public boolean isResourcePrincipal() {
            return keyId.startsWith("ST$");
        }
    }

    public TrustStore trust(ResourcePrincipalFixture principal) {
        issuers.add(principal.issuerKey());
        return this;
    }

    public TrustStore trustIssuer(RSAPublicKey issuerKey) {
        issuers.add(issuerKey);
        return this;
    }

    public TrustStore trust(ApiKeyFixture apiKey) {
        return trustApiKey(apiKey.keyId(), apiKey.publicKey());
    }

    public TrustStore trustApiKey(String keyId, PublicKey key) {
        apiKeys.put(keyId, key);
        return this;
    }

    Principal resolve(String keyId, Instant now) throws SignatureVerifier.Rejected {
        if (keyId.startsWith("ST$")) {
            return sessionToken(keyId, now);
        }
        PublicKey key = apiKeys.get(keyId);
        if (key == null) {
            throw new SignatureVerifier.Rejected("unknown keyId");
        }
        return new Principal(keyId, keyId.split("/")[0], key);
    }

    private Principal sessionToken(String keyId, Instant now) throws SignatureVerifier.Rejected {
        try {
            SignedJWT rpst = SignedJWT.parse(keyId.substring(3));
            boolean trusted = false;
            for (RSAPublicKey issuer : issuers) {
                trusted |= rpst.verify(new RSASSAVerifier(issuer));
            }
            if (!trusted) {
                throw new SignatureVerifier.Rejected("session token not signed by a trusted issuer");
            }
            Date expires = rpst.getJWTClaimsSet().getExpirationTime();
            if (expires == null || !expires.toInstant().isAfter(now)) {
                throw new SignatureVerifier.Rejected("session token expired");
            }
            Object jwk = rpst.getJWTClaimsSet().getClaim("jwk");
            RSAKey session = jwk instanceof String ? RSAKey.parse((String) jwk)
                    : RSAKey.parse(rpst.getJWTClaimsSet().getJSONObjectClaim("jwk"));
            String tenancy = rpst.getJWTClaimsSet().getStringClaim("res_tenant");
            return new Principal(keyId, tenancy, session.toRSAPublicKey());
        } catch (ParseException | JOSEException e) {
            throw new SignatureVerifier.Rejected("session token unreadable: " + e.getClass().getSimpleName());
        }
    }
}
