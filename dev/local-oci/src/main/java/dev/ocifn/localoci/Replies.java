package dev.ocifn.localoci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.ocifake.StubResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** JSON answers, OCI error bodies and the two date formats OCI writes. */
public final class Replies {
    public static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json";

    /** RFC 3339 with milliseconds, as OCI writes timestamps in bodies. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** RFC 1123 with a two-digit day, as OCI writes Last-Modified. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private Replies() {
    }

    public static StubResponse json(int status, Object body) {
        try {
            return StubResponse.bytes(status, JSON_TYPE, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }

    /** {@code {"code","message"}}, escaped properly (the testkit's helper only escapes quotes). */
    static StubResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
        return json(status, body);
    }

    public static StubResponse error(OciError e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    /** Adds the header when there is a value (the testkit would send a null one as a broken header). */
    public static StubResponse withHeader(StubResponse response, String name, String value) {
        return value == null ? response : response.header(name, value);
    }

    public static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    public static String httpDate(Instant at) {
        return HTTP_DATE.format(at);
    }
}
