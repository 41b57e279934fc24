package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.oracle.bmc.auth.internal.JWK;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the SDK's {@link JWK} (the session public key a resource-principal token carries in its
 * {@code jwk} claim) with jackson-core's streaming parser. The SDK reads it right after the
 * token's claims ({@link JsonMaps}), while the principal is built; through an ObjectMapper it
 * would cost that mapper's start-up and a bean deserializer on a cold start (docs/performance.md),
 * for a function whose call needs no mapper otherwise (model-proxy-fn). Same results as the SDK's
 * mapper: the members of JWK's {@code @JsonCreator}, others skipped, a scalar read as its text, a
 * missing member or {@code null} passed as null; an object or array where text belongs, or a JWK
 * its constructor refuses, is an {@link IOException} (the SDK then treats the key as absent).
 */
final class JwkJson {
    private static final Set<String> MEMBERS = Set.of("kid", "n", "e", "kty", "alg", "use");

    private JwkJson() {
    }

    static JWK read(JsonParser parser) throws IOException {
        if (!JsonMaps.rootObject(parser, "a JWK object")) {
            return null;
        }
        Map<String, String> members = new HashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (MEMBERS.contains(name)) {
                members.put(name, text(parser, token, name));
            } else {
                parser.skipChildren();
            }
        }
        try {
            return new JWK(members.get("kid"), members.get("n"), members.get("e"), members.get("kty"),
                    members.get("alg"), members.get("use"));
        } catch (RuntimeException refused) {
            throw new JsonMappingException(parser, "the JWK's constructor refused it", refused);
        }
    }

    private static String text(JsonParser parser, JsonToken token, String name) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isScalarValue()) {
            return parser.getText();
        }
        throw new JsonMappingException(parser, "JWK member " + name + " must be text, found " + token);
    }
}
