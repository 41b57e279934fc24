package dev.ocifn.ocifake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the {@link FakeOciServer} answers to one verified request. */
public final class StubResponse {
    private final int status;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration delay = Duration.ZERO;
    private BodySource stream;
    private long streamLength;

    /** Opens a body that is sent as it is read, never held whole in memory. */
    @FunctionalInterface
    public interface BodySource {
        InputStream open() throws IOException;
    }

    private StubResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    public static StubResponse json(int status, String json) {
        return new StubResponse(status, json.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "application/json");
    }

    /** An OCI error body, {@code {"code": ..., "message": ...}}. */
    public static StubResponse error(int status, String code, String message) {
        return json(status, "{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
    }

    public static StubResponse bytes(int status, String contentType, byte[] body) {
        StubResponse r = new StubResponse(status, body);
        return contentType == null ? r : r.header("Content-Type", contentType);
    }

    /** A body of {@code length} bytes streamed from {@code source} (a file, say) as it is sent. */
    public static StubResponse stream(int status, String contentType, long length, BodySource source) {
        StubResponse r = new StubResponse(status, new byte[0]);
        r.stream = source;
        r.streamLength = length;
        return contentType == null ? r : r.header("Content-Type", contentType);
    }

    public static StubResponse empty(int status) {
        return new StubResponse(status, new byte[0]);
    }

    public StubResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Waits this long before answering, to let a client time out. */
    public StubResponse delayedBy(Duration delay) {
        this.delay = delay;
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Duration delay() {
        return delay;
    }

    /** The streamed body, or null when the body is {@link #body()}. */
    public BodySource stream() {
        return stream;
    }

    public long streamLength() {
        return streamLength;
    }
}
