package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A route's {@code headerTransformations}: filter (BLOCK or ALLOW), then rename, then set
 * (OVERWRITE, APPEND or SKIP), with context variables in the set values. Setting a header with
 * OVERWRITE is how a spec makes sure a client cannot forge it.
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
            String mode = item.path("ifExists").asText("OVERWRITE");
            if (!headers.containsKey(name) || mode.equals("OVERWRITE")) {
                headers.put(name, value.toString());
            } else if (mode.equals("APPEND")) {
                headers.put(name, headers.get(name) + "," + value);
            }
        }
    }
}
