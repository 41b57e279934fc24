package dev.ocifn.localoci.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.Replies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the UsageSummary items of a query from the data set's daily records: filter, spread
 * each day over the time buckets it touches, group by the requested dimensions and tag, sum,
 * and (with a forecast) project each group's average rate over the forecast period.
 */
final class UsageAggregator {
    private static final long DAY_SECONDS = 86_400;
    private static final int SCALE = 10;

    private final UsageRequest query;
    private final List<String> tenancy;

    /** What one group adds up to in one bucket. */
    private static final class Sum {
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal quantity = BigDecimal.ZERO;
        final Set<String> units = new LinkedHashSet<>();
        final Set<String> currencies = new LinkedHashSet<>();

        void add(BigDecimal amountPart, BigDecimal quantityPart, String unit, String currency) {
            amount = amount.add(amountPart);
            quantity = quantity.add(quantityPart);
            units.add(unit);
            currencies.add(currency);
        }
    }

    /** The values a row is grouped by: one per groupBy dimension, and the grouped tag. */
    private record Group(List<String> values, UsageRecord.UsageTag tag) {
    }

    private record Key(TimeBuckets.Bucket bucket, Group group) {
    }

    private record Row(UsageRecord record, UsageRecord.UsageTag tag) {
    }

    /** @param tenancy tenantId and tenantName of the caller */
    UsageAggregator(UsageRequest query, List<String> tenancy) {
        this.query = query;
        this.tenancy = tenancy;
    }

    List<ObjectNode> summarize(List<UsageRecord> records) {
        if (query.queryType() != UsageRequest.QueryType.COST && query.queryType() != UsageRequest.QueryType.USAGE) {
            return List.of(); // the data set holds no credits
        }
        TimeBuckets buckets = new TimeBuckets(query.granularity(), query.aggregateByTime(), query.start(), query.end());
        Map<Key, Sum> sums = new LinkedHashMap<>();
        for (UsageRecord record : records) {
            if (!query.filter().test(record)) {
                continue;
            }
            for (TimeBuckets.Share share : buckets.shares(record.dayStart(), record.dayEnd())) {
                for (Row row : rows(record)) {
                    sums.computeIfAbsent(new Key(share.bucket(), group(row)), k -> new Sum()).add(
                            share(record.computedAmount(), share.seconds()), share(record.computedQuantity(), share.seconds()),
                            record.dimension("unit"), record.currency());
                }
            }
        }
        List<Map.Entry<Key, Sum>> entries = new ArrayList<>(sums.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<Key, Sum> e) -> e.getKey().bucket().start())
                .thenComparing(e -> e.getKey().group().toString()));
        List<ObjectNode> items = new ArrayList<>();
        entries.forEach(e -> items.add(item(e.getKey(), e.getValue(), false)));
        if (query.forecast() != null) {
            items.addAll(forecast(entries));
        }
        return items;
    }

    /** A record once, or once per tag when grouping by tag (no tag: once, with none). */
    private List<Row> rows(UsageRecord record) {
        if (!query.groupsByTag()) {
            return List.of(new Row(record, null));
        }
        List<Row> rows = new ArrayList<>();
        for (UsageRecord.UsageTag tag : record.tags()) {
            UsageRecord.UsageTag wanted = query.groupByTag();
            if (wanted == null || (wanted.namespace().equals(tag.namespace()) && wanted.key().equals(tag.key()))) {
                rows.add(new Row(record, tag));
            }
        }
        return rows.isEmpty() ? List.of(new Row(record, null)) : rows;
    }

    private Group group(Row row) {
        Map<String, String> dimensions = compartmentAtDepth(row.record());
        List<String> values = new ArrayList<>();
        for (String key : query.groupBy()) {
            int tenancyIndex = UsageDimensions.TENANCY.indexOf(key);
            if (tenancyIndex >= 0) {
                values.add(tenancy.get(tenancyIndex));
            } else if (UsageDimensions.TAG.contains(key)) {
                values.add(row.tag() == null ? null : switch (key) {
                    case "tagNamespace" -> row.tag().namespace();
                    case "tagKey" -> row.tag().key();
                    default -> row.tag().value();
                });
            } else {
                values.add(dimensions.get(key));
            }
        }
        UsageRecord.UsageTag tag = row.tag();
        if (tag != null && query.groupByTag() == null) {
            // Grouped by some of tagNamespace / tagKey / tagValue: the item shows those parts only.
            tag = new UsageRecord.UsageTag(ifGrouped(tag.namespace(), "tagNamespace"), ifGrouped(tag.key(), "tagKey"),
                    ifGrouped(tag.value(), "tagValue"));
        }
        return new Group(values, tag);
    }

    private String ifGrouped(String value, String dimension) {
        return query.groupBy().contains(dimension) ? value : null;
    }

    /** With compartmentDepth, deeper compartments count as their ancestor at that depth. */
    private Map<String, String> compartmentAtDepth(UsageRecord record) {
        String path = record.dimension("compartmentPath");
        if (query.compartmentDepth() == null || path == null) {
            return record.dimensions();
        }
        String[] parts = path.split("/");
        if (parts.length <= query.compartmentDepth()) {
            return record.dimensions();
        }
        Map<String, String> adjusted = new LinkedHashMap<>(record.dimensions());
        String truncated = String.join("/", Arrays.copyOf(parts, query.compartmentDepth()));
        adjusted.put("compartmentPath", truncated);
        adjusted.put("compartmentName", parts[query.compartmentDepth() - 1]);
        adjusted.remove("compartmentId"); // the ancestor's OCID is not in the record
        return adjusted;
    }

    /** The share of a day's amount that falls into so many of its seconds. */
    private static BigDecimal share(BigDecimal daily, long seconds) {
        return seconds == DAY_SECONDS ? daily
                : daily.multiply(BigDecimal.valueOf(seconds)).divide(BigDecimal.valueOf(DAY_SECONDS), SCALE, RoundingMode.HALF_EVEN);
    }

    private ObjectNode item(Key key, Sum sum, boolean forecast) {
        ObjectNode item = Replies.JSON.createObjectNode();
        List<String> values = key.group().values();
        for (int i = 0; i < query.groupBy().size(); i++) {
            String dimension = query.groupBy().get(i);
            if (!UsageDimensions.TAG.contains(dimension) && values.get(i) != null) {
                item.put(UsageDimensions.summaryField(dimension), values.get(i));
            }
        }
        item.put("timeUsageStarted", Replies.timestamp(key.bucket().start()));
        item.put("timeUsageEnded", Replies.timestamp(key.bucket().end()));
        if (query.queryType() == UsageRequest.QueryType.COST) {
            item.put("computedAmount", rounded(sum.amount));
            item.put("currency", single(sum.currencies));
        } else {
            item.put("computedQuantity", rounded(sum.quantity));
            item.put("unit", single(sum.units));
        }
        item.put("isForecast", forecast);
        if (query.groupsByTag()) {
            ArrayNode tags = item.putArray("tags");
            UsageRecord.UsageTag tag = key.group().tag();
            if (tag != null) {
                ObjectNode t = tags.addObject();
                putIfPresent(t, "namespace", tag.namespace());
                putIfPresent(t, "key", tag.key());
                putIfPresent(t, "value", tag.value());
            }
        }
        return item;
    }

    /** Each group's average rate over the queried range, carried over the forecast's buckets. */
    private List<ObjectNode> forecast(List<Map.Entry<Key, Sum>> actual) {
        long rangeSeconds = Duration.between(query.start(), query.end()).getSeconds();
        Map<Group, Sum> totals = new LinkedHashMap<>();
        for (Map.Entry<Key, Sum> e : actual) {
            Sum total = totals.computeIfAbsent(e.getKey().group(), g -> new Sum());
            total.amount = total.amount.add(e.getValue().amount);
            total.quantity = total.quantity.add(e.getValue().quantity);
            total.units.addAll(e.getValue().units);
            total.currencies.addAll(e.getValue().currencies);
        }
        TimeBuckets future = new TimeBuckets(query.granularity(), false, query.forecast().start(), query.forecast().end());
        List<ObjectNode> items = new ArrayList<>();
        for (TimeBuckets.Bucket bucket : future.all()) {
            for (Map.Entry<Group, Sum> e : totals.entrySet()) {
                Sum projected = new Sum();
                projected.amount = scale(e.getValue().amount, bucket.seconds(), rangeSeconds);
                projected.quantity = scale(e.getValue().quantity, bucket.seconds(), rangeSeconds);
                projected.units.addAll(e.getValue().units);
                projected.currencies.addAll(e.getValue().currencies);
                items.add(item(new Key(bucket, e.getKey()), projected, true));
            }
        }
        return items;
    }

    private static BigDecimal scale(BigDecimal total, long seconds, long ofSeconds) {
        return total.multiply(BigDecimal.valueOf(seconds)).divide(BigDecimal.valueOf(ofSeconds), SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal rounded(BigDecimal value) {
        BigDecimal r = value.setScale(Math.min(value.scale(), SCALE), RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    /** The one unit or currency of a group; none when it mixes several. */
    private static String single(Set<String> values) {
        return values.size() == 1 ? values.iterator().next() : null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
