package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.idcs.StaticKeys;
import dev.ocifn.tools.json.JsonFiles;
import dev.ocifn.tools.template.MissingParameterException;
import dev.ocifn.tools.template.Params;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@code validationPolicy} of the deployments' {@code TOKEN_AUTHENTICATION} policy
 * (Oracle: apigatewayusingjwttokens.htm and apigatewayusingjwttokens-usinjson.htm; the older
 * {@code JWT_AUTHENTICATION} is "no longer recommended" there). The keys come from exactly one of
 * {@code auth.staticKeyFile} (what {@code idcs-key --out} wrote), {@code auth.staticKey} (the same
 * object inline) or {@code auth.remoteJwks} ({@code {uri, maxCacheDurationInHours}}); the
 * {@code additionalValidationPolicy} holds {@code auth.issuers}, {@code auth.audiences} and, when
 * given, {@code auth.verifyClaims}.
 *
 * <p>Every issuer is rendered with and without its trailing slash: Oracle's pages write the
 * identity-domain issuer both as {@code https://identity.oraclecloud.com/} and without the slash,
 * and the gateway compares issuers as exact strings. Limits from apigatewayusingjwttokens-keyparams.htm:
 * up to 5 issuers, 5 audiences and 10 claims; a remote JWKS is cached 1 to 24 hours.
 */
public final class ValidationPolicy {
    static final String STATIC_KEY_FILE = "auth.staticKeyFile";
    static final String STATIC_KEY = "auth.staticKey";
    static final String REMOTE_JWKS = "auth.remoteJwks";
    static final int MAX_ISSUERS = 5;
    static final int MAX_AUDIENCES = 5;
    static final int MAX_CLAIMS = 10;

    private ValidationPolicy() {
    }

    public static ObjectNode from(Params params) {
        ObjectNode policy = keys(params);
        ObjectNode additional = policy.putObject("additionalValidationPolicy");
        additional.set("issuers", issuers(params));
        additional.set("audiences", texts(params, "auth.audiences", MAX_AUDIENCES));
        if (params.has("auth.verifyClaims")) {
            JsonNode claims = params.get("auth.verifyClaims");
            if (!claims.isArray() || claims.isEmpty() || claims.size() > MAX_CLAIMS) {
                throw new ToolException("parameter auth.verifyClaims must be an array of 1 to " + MAX_CLAIMS
                        + " {\"key\", \"values\", \"isRequired\"} objects");
            }
            additional.set("verifyClaims", claims.deepCopy());
        }
        return policy;
    }

    /** Each issuer and its twin with or without the trailing slash, in the order given. */
    static ArrayNode issuers(Params params) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode issuer : texts(params, "auth.issuers", MAX_ISSUERS)) {
            String text = issuer.asText();
            out.add(text);
            out.add(text.endsWith("/") ? text.substring(0, text.length() - 1) : text + "/");
        }
        if (out.size() > MAX_ISSUERS) {
            throw new ToolException("parameter auth.issuers: with each issuer's slash variant there are " + out.size()
                    + " issuers (" + String.join(", ", out) + "); API Gateway takes at most " + MAX_ISSUERS);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        out.forEach(array::add);
        return array;
    }

    private static ArrayNode texts(Params params, String name, int max) {
        JsonNode node = params.get(name);
        if (!node.isArray() || node.isEmpty() || node.size() > max) {
            throw new ToolException("parameter " + name + " must be an array of 1 to " + max + " strings");
        }
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new ToolException("parameter " + name + " must hold non-empty strings");
            }
        }
        return (ArrayNode) node.deepCopy();
    }

    private static ObjectNode keys(Params params) {
        List<String> given = new ArrayList<>();
        for (String name : List.of(STATIC_KEY_FILE, STATIC_KEY, REMOTE_JWKS)) {
            if (params.has(name)) {
                given.add(name);
            }
        }
        if (given.isEmpty()) {
            throw new MissingParameterException(STATIC_KEY_FILE + " (or " + STATIC_KEY + ", or " + REMOTE_JWKS + ")");
        }
        if (given.size() > 1) {
            throw new ToolException("parameters " + String.join(" and ", given)
                    + " are exclusive: the gateway verifies tokens with either a static key or a remote JWKS");
        }
        switch (given.get(0)) {
            case STATIC_KEY_FILE:
                return staticKeys(StaticKeys.requireStaticKey(JsonFiles.read(params.file(STATIC_KEY_FILE)),
                        params.file(STATIC_KEY_FILE).toString()));
            case STATIC_KEY:
                return staticKeys(StaticKeys.requireStaticKey(params.get(STATIC_KEY), "parameter " + STATIC_KEY));
            default:
                return remoteJwks(params);
        }
    }

    private static ObjectNode staticKeys(ObjectNode key) {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        jwk.put("format", "JSON_WEB_KEY");
        jwk.setAll(key);
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("type", "STATIC_KEYS");
        policy.putArray("keys").add(jwk);
        return policy;
    }

    private static ObjectNode remoteJwks(Params params) {
        String uri = params.text(REMOTE_JWKS + ".uri");
        // Plain http only to this machine: the local stack's identity domain.
        boolean loopback = uri.startsWith("http://127.0.0.1:") || uri.startsWith("http://localhost:");
        if (!uri.startsWith("https://") && !loopback) {
            throw new ToolException("parameter " + REMOTE_JWKS + ".uri must be an https URL");
        }
        JsonNode hours = params.get(REMOTE_JWKS + ".maxCacheDurationInHours");
        if (!hours.canConvertToInt() || !hours.isIntegralNumber() || hours.intValue() < 1 || hours.intValue() > 24) {
            throw new ToolException("parameter " + REMOTE_JWKS + ".maxCacheDurationInHours must be a whole number from 1 to 24");
        }
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("type", "REMOTE_JWKS");
        policy.put("uri", uri);
        policy.put("maxCacheDurationInHours", hours.intValue());
        return policy;
    }
}
