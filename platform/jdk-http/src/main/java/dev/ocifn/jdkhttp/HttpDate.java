package dev.ocifn.jdkhttp;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code date} header of a signed request, in the form the SDK's signer writes
 * ({@code EEE, dd MMM yyyy HH:mm:ss z} in GMT, US English: {@code Sun, 06 Dec 2026 23:40:00 GMT}).
 * A request that already carries it is signed as it is, so the signer never builds its
 * SimpleDateFormat: a new one per signature, whose first one loads calendar and locale data on
 * the calling thread during a cold start (what that costs: docs/performance.md).
 */
public final class HttpDate {
    public static final String HEADER = "date";
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private HttpDate() {
    }

    public static String now() {
        return format(Instant.now());
    }

    /** For times from 1970 to 9999 (the format's four-digit years; SimpleDateFormat turns Julian before 1582). */
    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(29);
        s.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        two(s, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        s.append(t.getYear()).append(' ');
        two(s, t.getHour()).append(':');
        two(s, t.getMinute()).append(':');
        return two(s, t.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder two(StringBuilder s, int value) {
        return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
