package dev.ocifn.localoci.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.JsonFields;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * resources.json: {@code {"resources": [ResourceSummary, ...]}}, each shaped as Resource Search
 * answers it (resourceType, identifier, compartmentId, displayName, timeCreated, lifecycleState,
 * availabilityDomain, freeformTags, definedTags, systemTags) plus optional additionalDetails,
 * which only {@code return allAdditionalFields} (or naming the field) brings into an answer.
 */
public record ResourceDataSet(List<ObjectNode> resources) {
    public static final String FILE = "resources.json";
    public static final ResourceDataSet EMPTY = new ResourceDataSet(List.of());
    static final List<String> FIELDS = List.of("resourceType", "identifier", "compartmentId", "displayName",
            "timeCreated", "lifecycleState", "availabilityDomain", "freeformTags", "definedTags", "systemTags",
            "identityContext", "additionalDetails");

    private static final JsonFields F = JsonFields.DATA_SET;

    public static ResourceDataSet parse(JsonNode root) {
        ObjectNode top = F.object(root, "(top level)");
        F.allowOnly(top, "", List.of("resources"));
        JsonNode resources = top.get("resources");
        if (resources == null || !resources.isArray()) {
            throw F.problem("resources: must be an array of ResourceSummary objects");
        }
        List<ObjectNode> parsed = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            String where = "resources[" + i + "]";
            ObjectNode resource = F.object(resources.get(i), where);
            F.allowOnly(resource, where, FIELDS);
            for (String field : List.of("resourceType", "identifier", "compartmentId")) {
                F.requiredText(resource, where, field);
            }
            for (String field : List.of("displayName", "lifecycleState", "availabilityDomain")) {
                F.text(resource, where, field);
            }
            F.timestamp(resource, where, "timeCreated");
            stringMap(resource.get("freeformTags"), where + ".freeformTags");
            for (String field : List.of("definedTags", "systemTags")) {
                JsonNode tags = resource.get(field);
                if (tags != null && !tags.isNull()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = F.object(tags, where + "." + field).fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> namespace = it.next();
                        F.object(namespace.getValue(), where + "." + field + "." + namespace.getKey());
                    }
                }
            }
            if (resource.hasNonNull("additionalDetails")) {
                F.object(resource.get("additionalDetails"), where + ".additionalDetails");
            }
            parsed.add(resource);
        }
        return new ResourceDataSet(List.copyOf(parsed));
    }

    private static void stringMap(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = F.object(node, where).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw F.problem(where + "." + entry.getKey() + ": must be a string");
            }
        }
    }
}
