package dev.ocifn.localoci.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.JsonFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The Usage API's Filter: {@code operator} AND / OR / NOT over {@code dimensions} (key equals
 * value), {@code tags} (namespace, key and, when given, value) and nested {@code filters}.
 * NOT holds when none of its conditions does. A filter without conditions lets everything through.
 */
final class UsageFilter {
    private static final JsonFields F = JsonFields.REQUEST;

    private UsageFilter() {
    }

    /** @param tenancy the values of tenantId and tenantName, which no record carries itself */
    static Predicate<UsageRecord> parse(JsonNode node, String where, List<String> tenancy) {
        ObjectNode filter = F.object(node, where);
        F.allowOnly(filter, where, List.of("operator", "dimensions", "tags", "filters"));
        String operator = F.text(filter, where, "operator").orElse("AND");
        if (!List.of("AND", "OR", "NOT").contains(operator)) {
            throw F.problem(where + ".operator: must be AND, OR or NOT");
        }
        List<Predicate<UsageRecord>> conditions = new ArrayList<>();
        forEach(filter, where, "dimensions", (item, at) -> conditions.add(dimension(item, at, tenancy)));
        forEach(filter, where, "tags", (item, at) -> conditions.add(tag(item, at)));
        forEach(filter, where, "filters", (item, at) -> conditions.add(parse(item, at, tenancy)));
        return switch (operator) {
            case "OR" -> r -> conditions.isEmpty() || conditions.stream().anyMatch(c -> c.test(r));
            case "NOT" -> r -> conditions.stream().noneMatch(c -> c.test(r));
            default -> r -> conditions.stream().allMatch(c -> c.test(r));
        };
    }

    private interface ItemReader {
        void read(JsonNode item, String where);
    }

    private static void forEach(ObjectNode filter, String where, String field, ItemReader reader) {
        JsonNode list = filter.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw F.problem(where + "." + field + ": must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            reader.read(list.get(i), where + "." + field + "[" + i + "]");
        }
    }

    private static Predicate<UsageRecord> dimension(JsonNode node, String where, List<String> tenancy) {
        ObjectNode dimension = F.object(node, where);
        F.allowOnly(dimension, where, List.of("key", "value"));
        String key = F.requiredText(dimension, where, "key");
        String value = F.text(dimension, where, "value")
                .orElseThrow(() -> F.problem(where + ".value: is required"));
        if (!UsageDimensions.filterable(key)) {
            throw F.problem(where + ".key: '" + key + "' is not a dimension; use one of "
                    + String.join(", ", UsageDimensions.RECORDED) + ", " + String.join(", ", UsageDimensions.TENANCY));
        }
        int tenancyIndex = UsageDimensions.TENANCY.indexOf(key);
        if (tenancyIndex >= 0) {
            boolean matches = value.equals(tenancy.get(tenancyIndex));
            return r -> matches;
        }
        return r -> value.equals(r.dimension(key));
    }

    private static Predicate<UsageRecord> tag(JsonNode node, String where) {
        ObjectNode tag = F.object(node, where);
        F.allowOnly(tag, where, List.of("namespace", "key", "value"));
        String namespace = F.requiredText(tag, where, "namespace");
        String key = F.requiredText(tag, where, "key");
        String value = F.text(tag, where, "value").orElse(null);
        return r -> r.tags().stream().anyMatch(t -> t.namespace().equals(namespace) && t.key().equals(key)
                && (value == null || Objects.equals(value, t.value())));
    }
}
