package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A route's {@code headerTransformations}, in the order Oracle's model reference for
 * {@code FilterHeaderPolicy} gives (filters come after the other transformations): rename (the new header keeps the original value), set (OVERWRITE, APPEND or SKIP, with context
 * variables read from the original request, apigatewaymodifyingresponsesrequests.htm), then
 * filter (BLOCK, or ALLOW, which must list the headers set or renamed). A set whose value renders
 * empty or is not a valid header value is ignored, as API Gateway ignores it (Oracle's
 * troubleshooting page "Header transformations do not work as expected").
 *
 * <p>A header may be named in only one transformation of a route, except in an ALLOW filter
 * (apigatewaymodifyingresponsesrequests-addingheadertransformrequestpolicies.htm): a spec that
 * blocks and sets the same header is refused by {@link #check}, as OCI would refuse it.
 */
final class HeaderTransformer {
    private HeaderTransformer() {
    }

    /** Refuses transformations that name a header twice (ALLOW filter items excepted). */
    static void check(JsonNode transformations, String where) {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        JsonNode filter = transformations.path("filterHeaders");
        if (!"ALLOW".equals(filter.path("type").asText())) {
            filter.path("items").forEach(i -> names.add(i.path("name").asText()));
        }
        for (JsonNode item : transformations.path("renameHeaders").path("items")) {
            names.add(item.path("from").asText());
            names.add(item.path("to").asText());
        }
        transformations.path("setHeaders").path("items").forEach(i -> names.add(i.path("name").asText()));
        for (String name : names) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(where + ": header " + name + " is named in more than one header"
                        + " transformation; API Gateway allows each name once per route (ALLOW filter items excepted)");
            }
        }
    }

    /** Applies the transformations to the headers (lower-case names, one joined value each). */
    static void apply(JsonNode transformations, Map<String, String> headers, ContextVariables variables) {
        Map<String, String> original = new LinkedHashMap<>(headers);
        for (JsonNode item : transformations.path("renameHeaders").path("items")) {
            String from = item.path("from").asText().toLowerCase(Locale.ROOT);
            if (original.containsKey(from)) {
                headers.remove(from);
                headers.put(item.path("to").asText().toLowerCase(Locale.ROOT), original.get(from));
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
        JsonNode filter = transformations.path("filterHeaders");
        if (!filter.isMissingNode()) {
            Set<String> named = new HashSet<>();
            filter.path("items").forEach(i -> named.add(i.path("name").asText().toLowerCase(Locale.ROOT)));
            boolean allow = "ALLOW".equals(filter.path("type").asText());
            headers.keySet().removeIf(h -> allow != named.contains(h));
        }
    }
}
