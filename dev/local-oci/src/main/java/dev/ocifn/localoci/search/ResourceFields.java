package dev.ocifn.localoci.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a query's field name means for one resource. The Search language's field names are
 * case-insensitive; tags are many-valued ({@code freeformTags.key}, {@code definedTags.value}...);
 * a name that is no summary field looks into additionalDetails.
 */
final class ResourceFields {
    private static final List<String> SUMMARY = List.of("resourceType", "identifier", "compartmentId", "displayName",
            "timeCreated", "lifecycleState", "availabilityDomain");

    private ResourceFields() {
    }

    static List<String> values(ObjectNode resource, String field) {
        String name = field.toLowerCase(Locale.ROOT);
        for (String summary : SUMMARY) {
            if (summary.toLowerCase(Locale.ROOT).equals(name)) {
                return text(resource.get(summary));
            }
        }
        List<String> values = new ArrayList<>();
        switch (name) {
            case "freeformtags.key" -> each(resource.get("freeformTags"), (k, v) -> values.add(k));
            case "freeformtags.value" -> each(resource.get("freeformTags"), (k, v) -> values.addAll(text(v)));
            case "definedtags.namespace" -> each(resource.get("definedTags"), (k, v) -> values.add(k));
            case "definedtags.key" -> each(resource.get("definedTags"), (ns, tags) -> each(tags, (k, v) -> values.add(k)));
            case "definedtags.value" -> each(resource.get("definedTags"),
                    (ns, tags) -> each(tags, (k, v) -> values.addAll(text(v))));
            default -> each(resource.get("additionalDetails"), (k, v) -> {
                if (k.toLowerCase(Locale.ROOT).equals(name)) {
                    values.addAll(text(v));
                }
            });
        }
        return values;
    }

    /** The fields free text looks at, named as highlights name them, with their values. */
    static Map<String, List<String>> searchable(ObjectNode resource) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String summary : List.of("displayName", "identifier", "resourceType", "lifecycleState")) {
            fields.put(summary, text(resource.get(summary)));
        }
        each(resource.get("freeformTags"), (k, v) -> {
            List<String> both = new ArrayList<>(List.of(k));
            both.addAll(text(v));
            fields.put("freeformTags." + k, both);
        });
        each(resource.get("definedTags"), (ns, tags) -> each(tags, (k, v) -> fields.put("definedTags." + ns + "." + k, text(v))));
        each(resource.get("additionalDetails"), (k, v) -> fields.put("additionalDetails." + k, text(v)));
        return fields;
    }

    private interface EntryVisitor {
        void visit(String key, JsonNode value);
    }

    private static void each(JsonNode object, EntryVisitor visitor) {
        if (object instanceof ObjectNode) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                visitor.visit(e.getKey(), e.getValue());
            }
        }
    }

    /** Scalars as text; arrays element by element; objects and null contribute nothing. */
    private static List<String> text(JsonNode value) {
        if (value == null || value.isNull() || value.isObject()) {
            return List.of();
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(v -> values.addAll(text(v)));
            return values;
        }
        return List.of(value.asText());
    }
}
