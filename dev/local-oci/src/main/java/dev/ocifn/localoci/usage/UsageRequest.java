package dev.ocifn.localoci.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.JsonFields;
import dev.ocifn.localoci.OciError;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A RequestSummarizedUsagesDetails body, checked as the Usage API checks it: the required
 * fields, known enum values, DAILY and MONTHLY times at midnight UTC (HOURLY: on the hour),
 * an end after the start, and known groupBy and filter dimensions.
 */
record UsageRequest(Instant start, Instant end, Granularity granularity, boolean aggregateByTime,
                    QueryType queryType, List<String> groupBy, UsageRecord.UsageTag groupByTag,
                    Integer compartmentDepth, Predicate<UsageRecord> filter, Forecast forecast) {

    enum Granularity { HOURLY, DAILY, MONTHLY, TOTAL }

    enum QueryType { USAGE, COST, CREDIT, EXPIREDCREDIT, ALLCREDIT }

    /** A BASIC forecast over [start, end). */
    record Forecast(Instant start, Instant end) {
    }

    private static final JsonFields F = JsonFields.REQUEST;
    private static final List<String> FIELDS = List.of("tenantId", "timeUsageStarted", "timeUsageEnded", "granularity",
            "isAggregateByTime", "forecast", "queryType", "groupBy", "groupByTag", "compartmentDepth", "filter");

    boolean groupsByTag() {
        return groupByTag != null || groupBy.stream().anyMatch(UsageDimensions.TAG::contains);
    }

    /**
     * @param callerTenancy the tenancy of the key that signed the request
     * @param tenantName    the data set's name for it
     */
    static UsageRequest parse(ObjectNode body, String callerTenancy, String tenantName) {
        F.allowOnly(body, "", FIELDS);
        String tenantId = F.requiredText(body, "", "tenantId");
        Instant start = F.timestamp(body, "", "timeUsageStarted").orElseThrow(() -> F.problem("timeUsageStarted: is required"));
        Instant end = F.timestamp(body, "", "timeUsageEnded").orElseThrow(() -> F.problem("timeUsageEnded: is required"));
        Granularity granularity = enumValue(Granularity.class, F.text(body, "", "granularity")
                .orElseThrow(() -> F.problem("granularity: is required")), "granularity");
        if (!tenantId.equals(callerTenancy)) {
            // The service answers for the caller's own tenancy only, and says no more than this.
            throw OciError.notFound("Authorization failed or requested resource not found.");
        }
        if (!end.isAfter(start)) {
            throw F.problem("timeUsageEnded: must be after timeUsageStarted (the end is exclusive)");
        }
        aligned(granularity, "timeUsageStarted", start);
        aligned(granularity, "timeUsageEnded", end);
        QueryType queryType = enumValue(QueryType.class, F.text(body, "", "queryType").orElse("COST"), "queryType");
        List<String> groupBy = groupBy(body.get("groupBy"));
        Integer depth = F.number(body, "", "compartmentDepth").map(UsageRequest::depth).orElse(null);
        Predicate<UsageRecord> filter = body.hasNonNull("filter")
                ? UsageFilter.parse(body.get("filter"), "filter", List.of(callerTenancy, tenantName)) : r -> true;
        Forecast forecast = body.hasNonNull("forecast") ? forecast(body.get("forecast"), granularity, end) : null;
        return new UsageRequest(start, end, granularity, F.bool(body, "", "isAggregateByTime").orElse(false),
                queryType, groupBy, groupByTag(body.get("groupByTag")), depth, filter, forecast);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String field) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(raw)) {
                return value;
            }
        }
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name());
        }
        throw F.problem(field + ": '" + raw + "' is not one of " + String.join(", ", names));
    }

    private static void aligned(Granularity granularity, String field, Instant at) {
        if ((granularity == Granularity.DAILY || granularity == Granularity.MONTHLY)
                && !at.equals(at.truncatedTo(ChronoUnit.DAYS))) {
            Instant day = at.truncatedTo(ChronoUnit.DAYS);
            throw F.problem(field + ": " + granularity + " granularity needs a time at midnight UTC (00:00:00Z), such as "
                    + day + " or " + day.plus(1, ChronoUnit.DAYS));
        }
        if (granularity == Granularity.HOURLY && !at.equals(at.truncatedTo(ChronoUnit.HOURS))) {
            throw F.problem(field + ": HOURLY granularity needs a time on the hour, such as " + at.truncatedTo(ChronoUnit.HOURS));
        }
    }

    private static List<String> groupBy(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw F.problem("groupBy: must be an array of dimension names");
        }
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode key = node.get(i);
            if (!key.isTextual() || !UsageDimensions.groupable(key.textValue())) {
                throw F.problem("groupBy[" + i + "]: " + key + " is not a dimension; use one of "
                        + String.join(", ", UsageDimensions.RECORDED) + ", " + String.join(", ", UsageDimensions.TENANCY)
                        + ", " + String.join(", ", UsageDimensions.TAG));
            }
            if (!groupBy.contains(key.textValue())) {
                groupBy.add(key.textValue());
            }
        }
        return List.copyOf(groupBy);
    }

    private static UsageRecord.UsageTag groupByTag(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw F.problem("groupByTag: must be an array with one {namespace, key}");
        }
        if (node.size() > 1) {
            throw F.problem("groupByTag: only one tag is supported");
        }
        if (node.isEmpty()) {
            return null;
        }
        ObjectNode tag = F.object(node.get(0), "groupByTag[0]");
        F.allowOnly(tag, "groupByTag[0]", List.of("namespace", "key", "value"));
        return new UsageRecord.UsageTag(F.requiredText(tag, "groupByTag[0]", "namespace"),
                F.requiredText(tag, "groupByTag[0]", "key"), null);
    }

    private static Integer depth(BigDecimal raw) {
        if (raw.signum() <= 0 || raw.compareTo(BigDecimal.valueOf(7)) > 0 || raw.stripTrailingZeros().scale() > 0) {
            throw F.problem("compartmentDepth: must be a whole number from 1 to 7");
        }
        return raw.intValue();
    }

    private static Forecast forecast(JsonNode node, Granularity granularity, Instant usageEnd) {
        ObjectNode forecast = F.object(node, "forecast");
        F.allowOnly(forecast, "forecast", List.of("forecastType", "timeForecastStarted", "timeForecastEnded"));
        String type = F.text(forecast, "forecast", "forecastType").orElse("BASIC");
        if (!type.equals("BASIC")) {
            throw F.problem("forecast.forecastType: '" + type + "' is not one of BASIC");
        }
        if (granularity != Granularity.DAILY && granularity != Granularity.MONTHLY) {
            throw F.problem("forecast: needs DAILY or MONTHLY granularity");
        }
        Instant start = F.timestamp(forecast, "forecast", "timeForecastStarted").orElse(usageEnd);
        Instant end = F.timestamp(forecast, "forecast", "timeForecastEnded")
                .orElseThrow(() -> F.problem("forecast.timeForecastEnded: is required"));
        aligned(granularity, "forecast.timeForecastStarted", start);
        aligned(granularity, "forecast.timeForecastEnded", end);
        if (!end.isAfter(start)) {
            throw F.problem("forecast.timeForecastEnded: must be after forecast.timeForecastStarted");
        }
        return new Forecast(start, end);
    }
}
