package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.idcs.StaticKeys;
import dev.ocifn.tools.json.JsonFiles;
import dev.ocifn.tools.template.MissingParameterException;
import dev.ocifn.tools.template.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code publicKeys} of the JWT authentication policy from exactly one of:
 * {@code auth.staticKeyFile} (what {@code idcs-key --out} wrote), {@code auth.staticKey} (the
 * same object inline) or {@code auth.remoteJwks} ({@code {uri, maxCacheDurationInHours}}, for
 * identity providers that publish a JWKS, such as Auth0's {@code /.well-known/jwks.json}).
 */
public final class PublicKeys {
    static final String STATIC_KEY_FILE = "auth.staticKeyFile";
    static final String STATIC_KEY = "auth.staticKey";
    static final String REMOTE_JWKS = "auth.remoteJwks";

    private PublicKeys() {
    }

    public static ObjectNode from(Params params) {
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
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.put("type", "STATIC_KEYS");
        set.putArray("keys").add(jwk);
        return set;
    }

    private static ObjectNode remoteJwks(Params params) {
        String uri = params.text(REMOTE_JWKS + ".uri");
        // Plain http only to this machine: the local stack's identity domain.
        boolean loopback = uri.startsWith("http://127.0.0.1:") || uri.startsWith("http://localhost:");
        if (!uri.startsWith("https://") && !loopback) {
            throw new ToolException("parameter " + REMOTE_JWKS + ".uri must be an https URL");
        }
        JsonNode hours = params.get(REMOTE_JWKS + ".maxCacheDurationInHours");
        // The gateway caches a remote JWKS for 1 to 24 hours.
        if (!hours.canConvertToInt() || !hours.isIntegralNumber() || hours.intValue() < 1 || hours.intValue() > 24) {
            throw new ToolException("parameter " + REMOTE_JWKS + ".maxCacheDurationInHours must be a whole number from 1 to 24");
        }
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.put("type", "REMOTE_JWKS");
        set.put("uri", uri);
        set.put("maxCacheDurationInHours", hours.intValue());
        return set;
    }
}
