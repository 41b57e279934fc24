package dev.ocifn.jdkhttp;

import org.junit.Test;

import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;

import static org.junit.Assert.assertEquals;

/**
 * HttpDate writes exactly what the SDK's signer writes with its SimpleDateFormat, for any time a
 * clock can show (SimpleDateFormat's calendar turns Julian before 1582; a request's date never is).
 */
public class HttpDateTest {
    @Test
    public void writesWhatTheSignersDateFormatWrites() {
        SimpleDateFormat sdk = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss z", Locale.US);
        sdk.setTimeZone(TimeZone.getTimeZone("GMT"));
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("1999-12-31T23:59:59Z"),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), Instant.now()));
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            instants.add(Instant.ofEpochMilli((random.nextLong() & Long.MAX_VALUE) % 253_402_300_799_000L));
        }
        for (Instant instant : instants) {
            assertEquals(instant.toString(), sdk.format(Date.from(instant)), HttpDate.format(instant));
        }
    }
}
