package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A route's {@code headerTransformations}: filter (BLOCK or ALLOW), then rename, then set
 * (OVERWRITE, APPEND or SKIP), with context variables in the set values, which are read from the
 * original request (apigatewaymodifyingresponsesrequests.htm). A set whose value renders empty
 * or is not a valid header value is ignored, as API Gateway ignores it (Oracle's troubleshooting
 * page "Header transformations do not work as expected"); that is why the specs also BLOCK the
 * headers they set, so an empty claim cannot let a caller's own value through.
 *
 * <p>The order filter, rename, set is the one this project relies on, and it is unconfirmed:
 * Oracle's SDK model reference for {@code FilterHeaderPolicy} says "the gateway applies filters
 * after other transformations". If OCI does that, a BLOCK on a header that is also set removes the
 * gateway's own value too: the function then sees no {@code X-User-Id} and answers 403 to every
 * call, which fails closed and shows on the first call (apigw/README.md says how to check).
 */
final class HeaderTransformer {
    private HeaderTransformer() {
    }

    /** Applies the transformations to the headers (lower-case names, one joined value each). */
    static void apply(JsonNode transformations, Map<String, String> headers, ContextVariables variables) {
        JsonNode filter = transformations.path("filterHeaders");
        if (!filter.isMissingNode()) {
            Set<String> named = new HashSet<>();
            filter.path("items").forEach(i -> named.add(i.path("name").asText().toLowerCase(Locale.ROOT)));
            boolean allow = "ALLOW".equals(filter.path("type").asText());
            headers.keySet().removeIf(h -> allow != named.contains(h));
        }
        for (JsonNode item : transformations.path("renameHeaders").path("items")) {
            String from = item.path("from").asText().toLowerCase(Locale.ROOT);
            if (headers.containsKey(from)) {
                headers.put(item.path("to").asText().toLowerCase(Locale.ROOT), headers.remove(from));
            }
        }
        for (JsonNode item : transformations.path("setHeaders").path("items")) {
            String name = item.path("name").asText().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            for (JsonNode v : item.path("values")) {
                value.append(value.length() == 0 ? "" : ",").append(variables.substitute(v.asText()));
            }
            if (value.length() == 0 || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                continue;
            }
            String mode = item.path("ifExists").asText("OVERWRITE");
            if (!headers.containsKey(name) || mode.equals("OVERWRITE")) {
                headers.put(name, value.toString());
            } else if (mode.equals("APPEND")) {
                headers.put(name, headers.get(name) + "," + value);
            }
        }
    }
}
