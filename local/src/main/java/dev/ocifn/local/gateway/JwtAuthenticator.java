package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployment's {@code JWT_AUTHENTICATION} policy, checked as API Gateway documents it: the
 * token from the configured header and scheme; RS256/RS384/RS512 only (so neither {@code none}
 * nor an HMAC "signed" with the public key passes); the key chosen by {@code kid} from the static
 * keys or the remote JWKS; signature, issuer, audience, expiry, not-before with the clock skew,
 * and {@code verifyClaims}.
 */
final class JwtAuthenticator {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final JsonNode policy;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private List<RSAKey> cachedRemoteKeys;
    private Instant cachedUntil = Instant.MIN;

    JwtAuthenticator(JsonNode policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    boolean anonymousAllowed() {
        return policy.path("isAnonymousAccessAllowed").asBoolean(false);
    }

    /** The token from the request, or null when it carries none. */
    String tokenFrom(Map<String, String> headers, Map<String, String> query) throws GatewayError {
        if (policy.hasNonNull("tokenQueryParam")) {
            return query.get(policy.get("tokenQueryParam").asText());
        }
        String header = headers.get(policy.path("tokenHeader").asText("Authorization").toLowerCase());
        if (header == null) {
            return null;
        }
        String scheme = policy.path("tokenAuthScheme").asText("");
        if (scheme.isEmpty()) {
            return header.trim();
        }
        if (!header.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1)) {
            throw GatewayError.unauthorized("token scheme is not " + scheme);
        }
        return header.substring(scheme.length() + 1).trim();
    }

    /** The claims of a valid token. */
    Map<String, Object> authenticate(String token) throws GatewayError {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw GatewayError.unauthorized("not a signed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw GatewayError.unauthorized("algorithm " + alg + " is not accepted");
        }
        String kid = jwt.getHeader().getKeyID();
        RSAKey key = keys().stream().filter(k -> k.getKeyID() != null && k.getKeyID().equals(kid)).findFirst()
                .orElseThrow(() -> GatewayError.unauthorized("no key with kid " + kid));
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            throw GatewayError.unauthorized("key " + kid + " is for " + key.getAlgorithm());
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw GatewayError.unauthorized("signature does not verify");
            }
            checkClaims(jwt.getJWTClaimsSet());
            return jwt.getJWTClaimsSet().getClaims();
        } catch (JOSEException | ParseException e) {
            throw GatewayError.unauthorized("token cannot be verified: " + e.getClass().getSimpleName());
        }
    }

    private void checkClaims(JWTClaimsSet claims) throws GatewayError {
        Instant now = clock.instant();
        Duration skew = Duration.ofSeconds(policy.path("maxClockSkewInSeconds").asLong(0));
        if (!texts(policy.path("issuers")).contains(claims.getIssuer())) {
            throw GatewayError.unauthorized("issuer " + claims.getIssuer() + " not accepted");
        }
        List<String> audiences = texts(policy.path("audiences"));
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw GatewayError.unauthorized("audience " + claims.getAudience() + " not accepted");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(skew))) {
            throw GatewayError.unauthorized("token expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw GatewayError.unauthorized("token not valid yet");
        }
        for (JsonNode rule : policy.path("verifyClaims")) {
            Object value = claims.getClaim(rule.path("key").asText());
            List<String> allowed = texts(rule.path("values"));
            if (value == null) {
                if (rule.path("isRequired").asBoolean(false)) {
                    throw GatewayError.unauthorized("claim " + rule.path("key").asText() + " missing");
                }
            } else if (!allowed.isEmpty() && !allowed.contains(String.valueOf(value))) {
                throw GatewayError.unauthorized("claim " + rule.path("key").asText() + " has a value not accepted");
            }
        }
    }

    private List<RSAKey> keys() throws GatewayError {
        JsonNode keys = policy.path("publicKeys");
        if ("STATIC_KEYS".equals(keys.path("type").asText())) {
            List<RSAKey> out = new ArrayList<>();
            for (JsonNode k : keys.path("keys")) {
                out.add(rsa(k.toString(), true));
            }
            return out;
        }
        if ("REMOTE_JWKS".equals(keys.path("type").asText())) {
            return remoteKeys(keys);
        }
        throw new GatewayError(500, "Internal Server Error").withReason("unknown publicKeys type");
    }

    private synchronized List<RSAKey> remoteKeys(JsonNode keys) throws GatewayError {
        if (cachedRemoteKeys != null && clock.instant().isBefore(cachedUntil)) {
            return cachedRemoteKeys;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keys.path("uri").asText()))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + r.statusCode());
            }
            List<RSAKey> out = new ArrayList<>();
            for (JWK k : JWKSet.parse(r.body()).getKeys()) {
                out.add(rsa(k.toJSONString(), false));
            }
            cachedRemoteKeys = out;
            cachedUntil = clock.instant().plus(Duration.ofHours(Math.max(1, keys.path("maxCacheDurationInHours").asLong(1))));
            return out;
        } catch (Exception e) {
            // As OCI: a deployment that cannot fetch its JWKS answers 500 to every request.
            throw new GatewayError(500, "Internal Server Error").withReason("remote JWKS unavailable: " + e.getMessage());
        }
    }

    private static RSAKey rsa(String json, boolean staticKey) throws GatewayError {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof RSAKey)) {
                throw new GatewayError(500, "Internal Server Error").withReason("only RSA keys are supported");
            }
            boolean forSignatures = KeyUse.SIGNATURE.equals(jwk.getKeyUse())
                    || (jwk.getKeyOperations() != null && jwk.getKeyOperations().contains(KeyOperation.VERIFY));
            if (!forSignatures) {
                throw new GatewayError(500, "Internal Server Error").withReason("key " + jwk.getKeyID()
                        + " has neither use sig nor key_ops verify" + (staticKey ? " (static key)" : ""));
            }
            return (RSAKey) jwk;
        } catch (ParseException e) {
            throw new GatewayError(500, "Internal Server Error").withReason("unreadable key");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isTextual()) {
            out.add(array.asText());
        }
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

}
