package dev.ocifn.tools.idcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an identity domain's JWKS ({@code /admin/v1/SigningCert/jwk}) into the one static key
 * object API Gateway accepts. The gateway's rule (apigatewayusingjwttokens-keyparams.htm) is that
 * a key has {@code use: "sig"} or a {@code key_ops} that holds {@code verify}; IDCS publishes no
 * {@code use} and {@code key_ops} such as {@code ["sig","encrypt"]}, without {@code verify}, so
 * the key is written with {@code use: "sig"} and without {@code key_ops}. Certificates
 * ({@code x5c}, {@code x5t}) are dropped: the gateway verifies with {@code n} and {@code e} only.
 */
public final class StaticKeys {
    public static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512");
    /** The fields of a converted key, in the order they are written. */
    public static final List<String> FIELDS = List.of("kid", "kty", "use", "alg", "n", "e");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    /** API Gateway's limits for an RSA key (apigatewayusingjwttokens-keyparams.htm). */
    private static final int MIN_MODULUS_BITS = 2048;
    private static final int MAX_MODULUS_BITS = 4096;

    private StaticKeys() {
    }

    /**
     * Picks the key from a JWKS (or a single JWK) and converts it.
     *
     * @param kid the key to take, or null to take the only RSA key
     */
    public static ObjectNode fromJwks(String json, String kid) {
        JsonNode parsed = JsonFiles.parse(json, "JWKS");
        List<ObjectNode> keys = keysOf(parsed);
        List<ObjectNode> rsa = keys.stream().filter(k -> "RSA".equals(k.path("kty").asText(null)))
                .collect(Collectors.toList());
        if (rsa.isEmpty()) {
            Set<String> kinds = keys.stream().map(k -> k.path("kty").asText("none"))
                    .collect(Collectors.toCollection(TreeSet::new));
            throw new ToolException("no RSA key in the JWKS" + (kinds.isEmpty() ? " (it has no keys)"
                    : " (key types found: " + String.join(", ", kinds) + ")") + "; API Gateway verifies RSA signatures only");
        }
        return convert(choose(rsa, kid));
    }

    /**
     * Checks a key that is already converted (the file {@code idcs-key} wrote, or an inline key in
     * the parameters) and returns it in canonical form.
     */
    public static ObjectNode requireStaticKey(JsonNode key, String source) {
        if (!key.isObject()) {
            throw new ToolException(source + ": the static key must be one JSON object");
        }
        if (key.has("keys")) {
            throw new ToolException(source + ": is a JWKS (has \"keys\"); convert it with the idcs-key command first");
        }
        Set<String> extra = new TreeSet<>();
        key.fieldNames().forEachRemaining(extra::add);
        extra.removeAll(FIELDS);
        if (!extra.isEmpty()) {
            throw new ToolException(source + ": the static key has fields API Gateway's static key does not take ("
                    + String.join(", ", extra) + "); convert the JWKS with the idcs-key command");
        }
        if (!key.has("use")) {
            throw new ToolException(source + ": the static key has no \"use\"; API Gateway needs \"use\": \"sig\"");
        }
        return convert((ObjectNode) key);
    }

    private static List<ObjectNode> keysOf(JsonNode parsed) {
        List<ObjectNode> keys = new ArrayList<>();
        if (parsed.isObject() && parsed.has("keys")) {
            JsonNode array = parsed.get("keys");
            if (!array.isArray()) {
                throw new ToolException("JWKS: \"keys\" must be an array");
            }
            for (JsonNode k : array) {
                if (!k.isObject()) {
                    throw new ToolException("JWKS: every entry of \"keys\" must be a JSON object");
                }
                keys.add((ObjectNode) k);
            }
        } else if (parsed.isObject() && parsed.has("kty")) {
            keys.add((ObjectNode) parsed);
        } else {
            throw new ToolException("not a JWKS: expected {\"keys\": [...]} or a single key with \"kty\"");
        }
        return keys;
    }

    private static ObjectNode choose(List<ObjectNode> rsa, String kid) {
        List<String> kids = rsa.stream().map(k -> k.path("kid").asText("(no kid)")).collect(Collectors.toList());
        if (kid != null) {
            return rsa.stream().filter(k -> kid.equals(k.path("kid").asText(null))).findFirst()
                    .orElseThrow(() -> new ToolException("no RSA key with kid '" + kid + "' in the JWKS (kids: "
                            + String.join(", ", kids) + ")"));
        }
        if (rsa.size() > 1) {
            throw new ToolException("the JWKS has " + rsa.size() + " RSA keys (kids: " + String.join(", ", kids)
                    + "); choose one with --kid");
        }
        return rsa.get(0);
    }

    private static ObjectNode convert(ObjectNode key) {
        String kid = key.path("kid").asText("");
        if (kid.isBlank()) {
            throw new ToolException("the RSA key has no kid; API Gateway picks the key by the token header's kid,"
                    + " so a key without one can verify nothing");
        }
        String label = "key '" + kid + "'";
        if (!"RSA".equals(key.path("kty").asText(null))) {
            throw new ToolException(label + ": kty must be RSA");
        }
        String use = key.path("use").asText("sig");
        if (!"sig".equals(use)) {
            throw new ToolException(label + " has use '" + use + "'; only a signing key (use \"sig\") verifies tokens");
        }
        String alg = key.path("alg").asText("");
        if (!ALGORITHMS.contains(alg)) {
            throw new ToolException(label + ": alg " + (alg.isEmpty() ? "is missing" : "'" + alg + "' is not accepted")
                    + "; API Gateway takes " + String.join(", ", new TreeSet<>(ALGORITHMS)));
        }
        String n = base64url(key, "n", label);
        String e = base64url(key, "e", label);
        RSAKey parsed = new RSAKey.Builder(new Base64URL(n), new Base64URL(e))
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.parse(alg)).build();
        checkNumbers(parsed, label);

        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("kid", kid);
        out.put("kty", "RSA");
        out.put("use", "sig");
        out.put("alg", alg);
        out.put("n", n);
        out.put("e", e);
        return out;
    }

    private static String base64url(ObjectNode key, String field, String label) {
        String value = key.path(field).asText("");
        if (value.isEmpty()) {
            throw new ToolException(label + ": \"" + field + "\" is missing");
        }
        if (!BASE64URL.matcher(value).matches()) {
            throw new ToolException(label + ": \"" + field + "\" is not base64url (no padding, '-' and '_' instead of '+' and '/')");
        }
        return value;
    }

    private static void checkNumbers(RSAKey key, String label) {
        // A short modulus here most often means a truncated copy-paste of the JWKS.
        int bits = key.getModulus().decodeToBigInteger().bitLength();
        if (bits < MIN_MODULUS_BITS) {
            throw new ToolException(label + ": the modulus has " + bits + " bits; expected at least "
                    + MIN_MODULUS_BITS + " (was the JWKS cut short?)");
        }
        if (bits > MAX_MODULUS_BITS) {
            throw new ToolException(label + ": the modulus has " + bits + " bits; API Gateway takes RSA keys of "
                    + MIN_MODULUS_BITS + " to " + MAX_MODULUS_BITS + " bits");
        }
        RSAPublicKey publicKey;
        try {
            publicKey = key.toRSAPublicKey();
        } catch (JOSEException ex) {
            throw new ToolException(label + ": n and e do not form an RSA public key (" + ex.getMessage() + ")");
        }
        BigInteger exponent = publicKey.getPublicExponent();
        if (exponent.signum() <= 0 || !exponent.testBit(0)) {
            throw new ToolException(label + ": e is not a valid RSA public exponent");
        }
    }
}
