package dev.ocifn.localoci.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.JsonFields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * usage.json: {@code {"tenantName", "currency", "records": [{"date": "2026-09-01", "service", ...,
 * "computedAmount", "computedQuantity", "tags": [{"namespace","key","value"}]}]}}.
 */
public record UsageDataSet(String tenantName, List<UsageRecord> records) {
    public static final String FILE = "usage.json";
    public static final UsageDataSet EMPTY = new UsageDataSet("local-tenancy", List.of());

    private static final JsonFields F = JsonFields.DATA_SET;

    public static UsageDataSet parse(JsonNode root) {
        ObjectNode top = F.object(root, "(top level)");
        F.allowOnly(top, "", List.of("tenantName", "currency", "records"));
        String tenantName = F.text(top, "", "tenantName").orElse(EMPTY.tenantName());
        String currency = F.text(top, "", "currency").orElse("USD");
        JsonNode records = top.get("records");
        if (records == null || !records.isArray()) {
            throw F.problem("records: must be an array of daily usage records");
        }
        List<UsageRecord> parsed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            parsed.add(record(F.object(records.get(i), "records[" + i + "]"), "records[" + i + "]", currency));
        }
        return new UsageDataSet(tenantName, List.copyOf(parsed));
    }

    private static UsageRecord record(ObjectNode node, String where, String defaultCurrency) {
        List<String> known = new ArrayList<>(UsageDimensions.RECORDED);
        known.addAll(List.of("date", "computedAmount", "computedQuantity", "currency", "tags"));
        F.allowOnly(node, where, known);
        LocalDate date;
        try {
            date = LocalDate.parse(F.requiredText(node, where, "date"));
        } catch (DateTimeParseException e) {
            throw F.problem(where + ".date: must be a day such as 2026-09-01");
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (String key : UsageDimensions.RECORDED) {
            F.text(node, where, key).ifPresent(v -> dimensions.put(key, v));
        }
        if (!dimensions.containsKey("service")) {
            throw F.problem(where + ".service: is required");
        }
        BigDecimal amount = F.number(node, where, "computedAmount").orElse(BigDecimal.ZERO);
        BigDecimal quantity = F.number(node, where, "computedQuantity").orElse(BigDecimal.ZERO);
        String currency = F.text(node, where, "currency").orElse(defaultCurrency);
        return new UsageRecord(date, Map.copyOf(dimensions), amount, quantity, currency, tags(node.get("tags"), where));
    }

    private static List<UsageRecord.UsageTag> tags(JsonNode tags, String where) {
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw F.problem(where + ".tags: must be an array of {namespace, key, value}");
        }
        List<UsageRecord.UsageTag> parsed = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String at = where + ".tags[" + i + "]";
            ObjectNode tag = F.object(tags.get(i), at);
            F.allowOnly(tag, at, List.of("namespace", "key", "value"));
            parsed.add(new UsageRecord.UsageTag(F.requiredText(tag, at, "namespace"),
                    F.requiredText(tag, at, "key"), F.text(tag, at, "value").orElse("")));
        }
        return List.copyOf(parsed);
    }
}
