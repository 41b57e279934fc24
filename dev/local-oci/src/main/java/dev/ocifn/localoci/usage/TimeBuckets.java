package dev.ocifn.localoci.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets of a usage query: hours, days or calendar months (UTC) of [start, end), or
 * the whole range as one. Buckets are clipped to the range, so a MONTHLY query from the 15th
 * reports the half month it covers.
 */
final class TimeBuckets {
    record Bucket(Instant start, Instant end) {
        long seconds() {
            return Duration.between(start, end).getSeconds();
        }
    }

    /** The part of a bucket some interval covers. */
    record Share(Bucket bucket, long seconds) {
    }

    private final UsageRequest.Granularity granularity;
    private final boolean single;
    private final Instant start;
    private final Instant end;

    /** @param single one bucket for the whole range (TOTAL, or isAggregateByTime) */
    TimeBuckets(UsageRequest.Granularity granularity, boolean single, Instant start, Instant end) {
        this.granularity = granularity;
        this.single = single || granularity == UsageRequest.Granularity.TOTAL;
        this.start = start;
        this.end = end;
    }

    List<Bucket> all() {
        List<Bucket> buckets = new ArrayList<>();
        for (Instant cursor = start; cursor.isBefore(end); ) {
            Bucket bucket = containing(cursor);
            buckets.add(bucket);
            cursor = bucket.end();
        }
        return buckets;
    }

    /** The buckets [from, to) falls into, each with how many of its seconds fall there. */
    List<Share> shares(Instant from, Instant to) {
        Instant low = from.isAfter(start) ? from : start;
        Instant high = to.isBefore(end) ? to : end;
        List<Share> shares = new ArrayList<>();
        for (Instant cursor = low; cursor.isBefore(high); ) {
            Bucket bucket = containing(cursor);
            Instant stop = bucket.end().isBefore(high) ? bucket.end() : high;
            shares.add(new Share(bucket, Duration.between(cursor, stop).getSeconds()));
            cursor = stop;
        }
        return shares;
    }

    private Bucket containing(Instant at) {
        if (single) {
            return new Bucket(start, end);
        }
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        ZonedDateTime from;
        ZonedDateTime to;
        switch (granularity) {
            case HOURLY -> {
                from = utc.truncatedTo(ChronoUnit.HOURS);
                to = from.plusHours(1);
            }
            case DAILY -> {
                from = utc.truncatedTo(ChronoUnit.DAYS);
                to = from.plusDays(1);
            }
            default -> {
                from = utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                to = from.plusMonths(1);
            }
        }
        Instant low = from.toInstant().isBefore(start) ? start : from.toInstant();
        Instant high = to.toInstant().isAfter(end) ? end : to.toInstant();
        return new Bucket(low, high);
    }
}
