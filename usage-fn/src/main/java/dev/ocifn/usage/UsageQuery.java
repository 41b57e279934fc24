package dev.ocifn.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails.Granularity;
import dev.ocifn.support.FnError;
import dev.ocifn.support.StrictJson;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * The caller's RequestSummarizedUsagesDetails, checked before it costs an OCI call: the Usage
 * API answers most of these mistakes too, but with less to go on and after a round trip.
 */
final class UsageQuery {
    private static final List<String> REQUIRED = List.of("timeUsageStarted", "timeUsageEnded", "granularity");

    private final RequestSummarizedUsagesDetails details;

    private UsageQuery(RequestSummarizedUsagesDetails details) {
        this.details = details;
    }

    RequestSummarizedUsagesDetails details() {
        return details;
    }

    /** @param ownTenancy the function's own tenancy, used when the body names none */
    static UsageQuery parse(ObjectNode body, Supplier<String> ownTenancy) {
        // Names first: a misspelled required field is reported as misspelled, not as missing.
        StrictJson.rejectUnknown(body, RequestSummarizedUsagesDetails.class);
        for (String field : REQUIRED) {
            if (!body.hasNonNull(field)) {
                throw FnError.badInput(field, "is required");
            }
        }
        requireTimestamp(body, "timeUsageStarted");
        requireTimestamp(body, "timeUsageEnded");
        if (body.get("forecast") instanceof ObjectNode) {
            requireTimestamp((ObjectNode) body.get("forecast"), "timeForecastStarted", "forecast.");
            requireTimestamp((ObjectNode) body.get("forecast"), "timeForecastEnded", "forecast.");
        }
        RequestSummarizedUsagesDetails details = StrictJson.read(body, RequestSummarizedUsagesDetails.class);

        if (!details.getTimeUsageEnded().after(details.getTimeUsageStarted())) {
            throw FnError.badInput("timeUsageEnded", "must be after timeUsageStarted (the end is exclusive)");
        }
        Granularity granularity = details.getGranularity();
        if (granularity == Granularity.Daily || granularity == Granularity.Monthly) {
            requireMidnight("timeUsageStarted", details.getTimeUsageStarted(), granularity);
            requireMidnight("timeUsageEnded", details.getTimeUsageEnded(), granularity);
        }
        if (details.getTenantId() == null) {
            details = RequestSummarizedUsagesDetails.builder().copy(details).tenantId(ownTenancy.get()).build();
        } else if (!details.getTenantId().startsWith("ocid1.tenancy.")) {
            throw FnError.badInput("tenantId", "must be a tenancy OCID (ocid1.tenancy...)");
        }
        return new UsageQuery(details);
    }

    private static void requireTimestamp(ObjectNode body, String field) {
        requireTimestamp(body, field, "");
    }

    private static void requireTimestamp(ObjectNode body, String field, String prefix) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        try {
            if (value.isTextual()) {
                OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw FnError.badInput(prefix + field, "must be an ISO-8601 timestamp such as 2024-05-01T00:00:00Z");
    }

    private static void requireMidnight(String field, Date value, Granularity granularity) {
        Instant at = value.toInstant();
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        if (!at.equals(day)) {
            throw FnError.badInput(field, granularity.getValue() + " granularity needs a timestamp at 00:00:00Z; nearest valid values: "
                    + day + " or " + day.plus(1, ChronoUnit.DAYS));
        }
    }
}
