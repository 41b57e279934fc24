package dev.ocifn.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a function answers: status, content type, headers and the body bytes. */
public final class Reply {
    public static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** A JSON answer; the object is written with the mapper that understands OCI SDK models. */
    public static Reply json(int status, Object value) {
        return new Reply(status, JSON, Json.write(value));
    }

    public static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body);
    }

    /** An answer without a body (204, 304, HEAD). */
    public static Reply empty(int status) {
        return new Reply(status, null, new byte[0]);
    }

    public static Reply error(FnError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        if (e.opcRequestId() != null) {
            body.put("opcRequestId", e.opcRequestId());
        }
        Reply reply = new Reply(e.status(), JSON, Json.write(body));
        e.headers().forEach(reply::header);
        if (e.opcRequestId() != null) {
            reply.header("opc-request-id", e.opcRequestId());
        }
        return reply;
    }

    public Reply header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + new String(body, StandardCharsets.UTF_8);
    }
}
