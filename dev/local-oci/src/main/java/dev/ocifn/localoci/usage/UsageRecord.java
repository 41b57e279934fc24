package dev.ocifn.localoci.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * One day of cost and usage of one SKU in one compartment, a line of the data set's usage.json.
 * Its amount is spread evenly over the day, so hours and partial days get their share.
 */
record UsageRecord(LocalDate date, Map<String, String> dimensions, BigDecimal computedAmount,
                   BigDecimal computedQuantity, String currency, List<UsageTag> tags) {

    /** A cost-tracking tag on the usage, as the Usage API's Tag model has it. */
    record UsageTag(String namespace, String key, String value) {
    }

    Instant dayStart() {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    Instant dayEnd() {
        return date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    String dimension(String key) {
        return dimensions.get(key);
    }
}
