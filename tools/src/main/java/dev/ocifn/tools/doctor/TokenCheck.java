package dev.ocifn.tools.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ocifn.tools.idcs.StaticKeys;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Step two: the token, decoded without trusting it, against the deployments' token authentication
 * policy, the way API Gateway checks it (apigatewayusingjwttokens.htm; the claims Oracle's
 * troubleshooting page names for a 401 are {@code iss}, {@code aud}, {@code exp} and the required
 * custom claims). Each check lists every mismatch, so that one run names them all.
 */
final class TokenCheck {
    static final String CLAIMS = "token claims";
    static final String KEY = "token key";
    static final String SCOPES = "token scopes";
    private static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512");
    private static final String UPDATE = "then render the specifications and update the deployments (apigw/out/oci-commands.sh)";

    private final SignedJWT jwt;
    private final JWTClaimsSet claims;

    private TokenCheck(SignedJWT jwt, JWTClaimsSet claims) {
        this.jwt = jwt;
        this.claims = claims;
    }

    /** Empty when the text is not a signed JWT (the step then fails on that). */
    static Optional<TokenCheck> decode(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return Optional.of(new TokenCheck(jwt, jwt.getJWTClaimsSet()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The {@code sub} claim: the user pictures-fn files the caller's pictures under. */
    Optional<String> subject() {
        return Optional.ofNullable(claims.getSubject()).filter(s -> !s.isBlank());
    }

    /** The token's scopes, from IDCS's space-separated {@code scope} claim (or an array). */
    Set<String> scopes() {
        Object scope = claims.getClaim("scope");
        Set<String> out = new LinkedHashSet<>();
        if (scope instanceof String s) {
            for (String one : s.trim().split("\\s+")) {
                if (!one.isEmpty()) {
                    out.add(one);
                }
            }
        } else if (scope instanceof Collection<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    /** Issuer, audience, algorithm, expiry and not-before with the clock skew, and {@code verifyClaims}. */
    Check claims(JsonNode authentication, Instant now) {
        JsonNode rules = authentication.path("validationPolicy").path("additionalValidationPolicy");
        long skew = authentication.path("maxClockSkewInSeconds").asLong(0);
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Set<String> issuers = texts(rules.path("issuers"));
        if (!issuers.contains(String.valueOf(claims.getIssuer()))) {
            problems.add("iss " + claims.getIssuer() + " is not among the accepted issuers " + issuers);
            fixes.add("put " + claims.getIssuer() + " in auth.issuers");
        }
        Set<String> audiences = texts(rules.path("audiences"));
        List<String> aud = claims.getAudience() == null ? List.of() : claims.getAudience();
        if (aud.stream().noneMatch(audiences::contains)) {
            problems.add("aud " + aud + " matches none of the accepted audiences " + audiences);
            fixes.add("make auth.audiences hold the resource application's primary audience"
                    + (aud.isEmpty() ? "" : " " + aud.get(0)) + " (or change the primary audience to " + audiences + ")");
        }
        String alg = jwt.getHeader().getAlgorithm().getName();
        if (!ALGORITHMS.contains(alg)) {
            problems.add("alg " + alg + " is not RS256, RS384 or RS512");
            fixes.add("have the identity domain sign with RS256");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plusSeconds(skew))) {
            problems.add(exp == null ? "the token has no exp" : "exp " + exp.toInstant() + " has passed (now " + now + ", skew " + skew + " s)");
            fixes.add("check this machine's clock against UTC");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minusSeconds(skew))) {
            problems.add("nbf " + nbf.toInstant() + " is in the future (now " + now + ", skew " + skew + " s)");
            fixes.add("check this machine's clock against UTC, or raise auth.maxClockSkewInSeconds");
        }
        for (JsonNode rule : rules.path("verifyClaims")) {
            String key = rule.path("key").asText();
            Object value = claims.getClaim(key);
            Set<String> values = texts(rule.path("values"));
            if (value == null && rule.path("isRequired").asBoolean(false)) {
                problems.add("claim " + key + " is required (auth.verifyClaims) but missing");
                fixes.add("remove " + key + " from auth.verifyClaims or have the domain issue it");
            } else if (value != null && !values.isEmpty() && !values.contains(String.valueOf(value))) {
                problems.add("claim " + key + " is " + value + ", auth.verifyClaims accepts " + values);
                fixes.add("correct auth.verifyClaims");
            }
        }
        if (problems.isEmpty()) {
            return Check.pass(CLAIMS, "iss " + claims.getIssuer() + ", aud " + aud + ", " + alg + ", valid until " + exp.toInstant());
        }
        return Check.fail(CLAIMS, "the gateway will answer 401: " + String.join("; ", problems),
                String.join("; ", fixes) + "; " + UPDATE);
    }

    /**
     * The key: the token's {@code kid} among the deployment's keys, and its signature verified with
     * that key (for a static key, the modulus the gateway has against the one that signed). When
     * it fails, the domain's current key set (when it publishes it) tells whether the domain's key
     * changed since the static key was taken.
     *
     * @param remoteJwks fetches a JWKS by URL; throws with a message when it cannot
     */
    Check key(JsonNode validationPolicy, Function<String, String> remoteJwks, String domainJwksUrl) {
        String kid = jwt.getHeader().getKeyID();
        String type = validationPolicy.path("type").asText();
        List<JWK> keys;
        String source;
        try {
            if (type.equals("REMOTE_JWKS")) {
                source = "the remote JWKS " + validationPolicy.path("uri").asText();
                keys = JWKSet.parse(remoteJwks.apply(validationPolicy.path("uri").asText())).getKeys();
            } else {
                source = "the static key in the parameters";
                keys = new ArrayList<>();
                for (JsonNode k : validationPolicy.path("keys")) {
                    keys.add(JWK.parse(k.toString()));
                }
            }
        } catch (ParseException | RuntimeException e) {
            return Check.fail(KEY, "the deployment's keys cannot be read: " + e.getMessage(),
                    "run idcs-key again (auth.staticKeyFile) or correct auth.remoteJwks; " + UPDATE);
        }
        Optional<RSAKey> key = keys.stream().filter(k -> k instanceof RSAKey && kid != null && kid.equals(k.getKeyID()))
                .map(k -> (RSAKey) k).findFirst();
        if (key.isEmpty()) {
            return Check.fail(KEY, "the gateway will answer 401: the token's kid " + kid + " is not in " + source
                    + " (kids " + keys.stream().map(JWK::getKeyID).toList() + ")",
                    "run idcs-key again for the domain's current key; " + UPDATE);
        }
        if (key.get().getAlgorithm() != null && !key.get().getAlgorithm().getName().equals(jwt.getHeader().getAlgorithm().getName())) {
            return Check.fail(KEY, "the gateway will answer 401: key " + kid + " is for " + key.get().getAlgorithm()
                    + ", the token is " + jwt.getHeader().getAlgorithm(), "run idcs-key again; " + UPDATE);
        }
        if (verifies(key.get())) {
            return Check.pass(KEY, "kid " + kid + ", signature verifies with " + source + " (modulus " + modulus(key.get()) + ")");
        }
        String current = domainModulus(remoteJwks, domainJwksUrl, kid);
        return Check.fail(KEY, "the gateway will answer 401: the token's signature does not verify with " + source
                + " (modulus " + modulus(key.get()) + ")" + current,
                "run idcs-key again to take the domain's current key; " + UPDATE);
    }

    /** Step two's scope part: the functions whose routes this token cannot call (403). */
    Check scopes(List<Deployments.Target> targets, String audience) {
        Set<String> granted = scopes();
        List<String> missing = new ArrayList<>();
        Set<String> needed = new LinkedHashSet<>();
        for (Deployments.Target t : targets) {
            if (!t.scopes().isEmpty() && t.scopes().stream().noneMatch(granted::contains)) {
                missing.add(t.function() + " needs any of " + t.scopes());
                needed.add(audience + t.scopes().iterator().next());
            }
        }
        if (missing.isEmpty()) {
            return Check.pass(SCOPES, "scope " + granted + " covers every route");
        }
        return Check.fail(SCOPES, "the gateway will answer 403: the token's scope " + granted + " lacks what "
                + String.join(", ", missing), "grant the client " + String.join(", ", needed)
                + " (token issuance policy) and request it");
    }

    private boolean verifies(RSAKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private String domainModulus(Function<String, String> fetch, String url, String kid) {
        if (url == null) {
            return "";
        }
        try {
            // As idcs-key reads it: the domain's set has key_ops that a strict JWK parser refuses.
            RSAKey current = RSAKey.parse(StaticKeys.fromJwks(fetch.apply(url), kid).toString());
            return "; the identity domain's key " + kid + " now has modulus " + modulus(current);
        } catch (ParseException | RuntimeException e) {
            return "; the domain's key set could not be read to compare (" + e.getMessage() + ")";
        }
    }

    /** The first characters of the base64url modulus: enough to tell two keys apart in a report. */
    private static String modulus(RSAKey key) {
        String n = key.getModulus().toString();
        return n.substring(0, Math.min(12, n.length())) + "...";
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
