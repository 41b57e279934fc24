package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployment's token authentication policy, checked as API Gateway documents it
 * (apigatewayusingjwttokens.htm, apigatewayusingjwttokens-usinjson.htm and the key rules of
 * apigatewayusingjwttokens-keyparams.htm). {@code TOKEN_AUTHENTICATION} with a
 * {@code STATIC_KEYS} or {@code REMOTE_JWKS} {@code validationPolicy} and its
 * {@code additionalValidationPolicy} is what the templates render; {@code JWT_AUTHENTICATION}
 * ("no longer recommended") stays readable for specs of existing deployments. Anything else
 * (another type, {@code REMOTE_DISCOVERY}, a {@code validationFailurePolicy}) is refused when the
 * gateway starts, rather than checked by rules it does not have.
 *
 * <p>Per request: the token from the configured header and scheme; RS256/RS384/RS512 only (so
 * neither {@code none} nor an HMAC "signed" with the public key passes); the key chosen by
 * {@code kid}; signature, issuer, audience (exact strings), expiry and not-before with the clock
 * skew, and {@code verifyClaims}. Keys: RSA only; {@code use} must be {@code sig} or
 * {@code key_ops} must hold {@code verify}; 2048 to 4096 bits; {@code alg}, when present,
 * RS256/RS384/RS512; a remote set of at most 10 keys.
 */
final class TokenAuthenticator {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MIN_KEY_BITS = 2048;
    static final int MAX_KEY_BITS = 4096;
    static final int MAX_REMOTE_KEYS = 10;
    private static final int MAX_SHOWN = 100;
    private static final int MAX_SHOWN_VALUES = 10;

    private final JsonNode policy;
    private final JsonNode keySource;
    private final JsonNode claimRules;
    private final List<RSAKey> staticKeys;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private List<RSAKey> cachedRemoteKeys;
    private Instant cachedUntil = Instant.MIN;

    /** @throws IllegalArgumentException for a policy this gateway does not implement exactly */
    TokenAuthenticator(JsonNode policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        String type = policy.path("type").asText();
        switch (type) {
            case "TOKEN_AUTHENTICATION" -> {
                if (policy.has("validationFailurePolicy")) {
                    throw new IllegalArgumentException("validationFailurePolicy is not emulated by the local gateway");
                }
                keySource = policy.path("validationPolicy");
                claimRules = keySource.path("additionalValidationPolicy");
            }
            case "JWT_AUTHENTICATION" -> {
                keySource = policy.path("publicKeys");
                claimRules = policy;
            }
            default -> throw new IllegalArgumentException("authentication type '" + type
                    + "' is not emulated (TOKEN_AUTHENTICATION, or JWT_AUTHENTICATION for existing specs)");
        }
        String keys = keySource.path("type").asText();
        if (keys.equals("STATIC_KEYS")) {
            staticKeys = new ArrayList<>();
            for (JsonNode k : keySource.path("keys")) {
                staticKeys.add(rsa(k, "static key"));
            }
        } else if (keys.equals("REMOTE_JWKS")) {
            staticKeys = null;
        } else {
            throw new IllegalArgumentException("key source '" + keys + "' is not emulated (STATIC_KEYS or REMOTE_JWKS)");
        }
        if (texts(claimRules.path("issuers")).isEmpty() || texts(claimRules.path("audiences")).isEmpty()) {
            throw new IllegalArgumentException("the token policy needs issuers and audiences");
        }
    }

    boolean anonymousAllowed() {
        return policy.path("isAnonymousAccessAllowed").asBoolean(false);
    }

    /** Where the policy takes the token from, for the log of a request that has none. */
    String whereTheTokenGoes() {
        if (policy.hasNonNull("tokenQueryParam")) {
            return "tokenQueryParam " + shown(policy.get("tokenQueryParam").asText());
        }
        return "tokenHeader " + shown(policy.path("tokenHeader").asText("Authorization"));
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
            throw GatewayError.unauthorized("scheme: the " + policy.path("tokenHeader").asText("Authorization")
                    + " header does not start with tokenAuthScheme '" + scheme + " '");
        }
        return header.substring(scheme.length() + 1).trim();
    }

    /** The claims of a valid token. */
    Map<String, Object> authenticate(String token) throws GatewayError {
        if (token.isEmpty()) {
            throw GatewayError.unauthorized("token: empty (nothing after the scheme)");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw GatewayError.unauthorized("token: not a signed JWT (header.payload.signature, base64url)");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw GatewayError.unauthorized("alg: token has " + shown(alg) + ", accepted RS256, RS384, RS512");
        }
        String kid = jwt.getHeader().getKeyID();
        List<RSAKey> keys = keys();
        RSAKey key = keys.stream().filter(k -> k.getKeyID() != null && k.getKeyID().equals(kid)).findFirst()
                .orElseThrow(() -> GatewayError.unauthorized("kid: token has " + shown(kid) + ", the deployment's keys have "
                        + keys.stream().map(k -> shown(k.getKeyID())).toList()));
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            throw GatewayError.unauthorized("alg: token has " + alg + ", key " + shown(kid) + " is for " + key.getAlgorithm());
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw GatewayError.unauthorized("signature: does not verify with key " + shown(kid)
                        + " (signed by another key with the same kid?)");
            }
        } catch (JOSEException e) {
            throw GatewayError.unauthorized("signature: cannot be verified with key " + shown(kid) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw GatewayError.unauthorized("token: the payload is not a JWT claims set");
        }
        checkClaims(claims);
        return claims.getClaims();
    }

    private void checkClaims(JWTClaimsSet claims) throws GatewayError {
        Instant now = clock.instant();
        Duration skew = Duration.ofSeconds(policy.path("maxClockSkewInSeconds").asLong(0));
        List<String> issuers = texts(claimRules.path("issuers"));
        if (!issuers.contains(claims.getIssuer())) {
            throw GatewayError.unauthorized("iss: token has " + shown(claims.getIssuer()) + ", issuers accepts "
                    + shownAll(issuers));
        }
        List<String> audiences = texts(claimRules.path("audiences"));
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw GatewayError.unauthorized("aud: token has " + (claims.getAudience() == null || claims.getAudience().isEmpty() ? "none"
                    : shownAll(claims.getAudience())) + ", audiences accepts " + shownAll(audiences));
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw GatewayError.unauthorized("exp: token has none (API Gateway requires it)");
        }
        if (now.isAfter(exp.toInstant().plus(skew))) {
            throw GatewayError.unauthorized("exp: token expired at " + exp.toInstant() + ", now " + now
                    + " with maxClockSkewInSeconds " + skew.toSeconds());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw GatewayError.unauthorized("nbf: token not valid before " + nbf.toInstant() + ", now " + now
                    + " with maxClockSkewInSeconds " + skew.toSeconds());
        }
        for (JsonNode rule : claimRules.path("verifyClaims")) {
            String name = rule.path("key").asText();
            Object value = claims.getClaim(name);
            List<String> allowed = texts(rule.path("values"));
            if (value == null) {
                if (rule.path("isRequired").asBoolean(false)) {
                    throw GatewayError.unauthorized("verifyClaims: claim " + shown(name) + " is required and the token has none");
                }
            } else if (!allowed.isEmpty() && !allowed.contains(String.valueOf(value))) {
                throw GatewayError.unauthorized("verifyClaims: claim " + shown(name) + " has " + shown(value)
                        + ", values accepts " + shownAll(allowed));
            }
        }
    }

    private List<RSAKey> keys() throws GatewayError {
        return staticKeys != null ? staticKeys : remoteKeys();
    }

    private synchronized List<RSAKey> remoteKeys() throws GatewayError {
        if (cachedRemoteKeys != null && clock.instant().isBefore(cachedUntil)) {
            return cachedRemoteKeys;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keySource.path("uri").asText()))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + r.statusCode());
            }
            JsonNode set = JSON.readTree(r.body()).path("keys");
            if (set.size() > MAX_REMOTE_KEYS) {
                throw new IllegalArgumentException("the JWKS has " + set.size() + " keys; at most " + MAX_REMOTE_KEYS);
            }
            List<RSAKey> out = new ArrayList<>();
            for (JsonNode k : set) {
                out.add(rsa(k, "remote key"));
            }
            cachedRemoteKeys = out;
            cachedUntil = clock.instant().plus(Duration.ofHours(Math.max(1, keySource.path("maxCacheDurationInHours").asLong(1))));
            return out;
        } catch (Exception e) {
            // As OCI: a deployment that cannot use its JWKS answers 500 to every request.
            throw new GatewayError(500, "Internal Server Error").withReason("remote JWKS unusable: " + e.getMessage());
        }
    }

    /**
     * A key as the gateway accepts it: the rules are checked on the JSON itself, so fields a
     * JWK library would not know (IDCS's {@code key_ops} values) fail here, as in OCI.
     */
    static RSAKey rsa(JsonNode k, String what) {
        String kid = k.path("kid").asText("");
        String label = what + " '" + kid + "'";
        if (!"RSA".equals(k.path("kty").asText())) {
            throw new IllegalArgumentException(label + ": kty must be RSA");
        }
        boolean use = "sig".equals(k.path("use").asText(null));
        boolean verify = false;
        for (JsonNode op : k.path("key_ops")) {
            verify |= "verify".equals(op.asText());
        }
        if (!use && !verify) {
            throw new IllegalArgumentException(label + ": needs \"use\": \"sig\" or \"key_ops\" holding \"verify\" (it has "
                    + (k.has("use") ? "use " + k.get("use") : "") + (k.has("key_ops") ? " key_ops " + k.get("key_ops") : "")
                    + "); convert an identity domain's key with idcs-key");
        }
        String alg = k.path("alg").asText("");
        if (!alg.isEmpty() && !ALGORITHMS.contains(JWSAlgorithm.parse(alg))) {
            throw new IllegalArgumentException(label + ": alg " + alg + " is not RS256, RS384 or RS512");
        }
        if (kid.isEmpty() || !k.hasNonNull("n") || !k.hasNonNull("e")) {
            throw new IllegalArgumentException(label + ": kid, n and e are required");
        }
        RSAKey key = new RSAKey.Builder(new Base64URL(k.get("n").asText()), new Base64URL(k.get("e").asText()))
                .keyID(kid).algorithm(alg.isEmpty() ? null : JWSAlgorithm.parse(alg)).build();
        int bits = key.getModulus().decodeToBigInteger().bitLength();
        if (bits < MIN_KEY_BITS || bits > MAX_KEY_BITS) {
            throw new IllegalArgumentException(label + ": " + bits + " bits; API Gateway takes " + MIN_KEY_BITS
                    + " to " + MAX_KEY_BITS);
        }
        return key;
    }

    /**
     * A value from the token or the spec as the log shows it: quoted, cut short, and with
     * anything unprintable replaced, so a caller's token cannot write lines of its own.
     */
    static String shown(Object value) {
        if (value == null) {
            return "none";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(MAX_SHOWN).forEach(c -> out.appendCodePoint(c >= 0x20 && c < 0x7f ? c : '?'));
        return out.append(text.length() > MAX_SHOWN ? "...'" : "'").toString();
    }

    static String shownAll(Collection<?> values) {
        return values.stream().limit(MAX_SHOWN_VALUES).map(TokenAuthenticator::shown).toList()
                + (values.size() > MAX_SHOWN_VALUES ? " and " + (values.size() - MAX_SHOWN_VALUES) + " more" : "");
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
