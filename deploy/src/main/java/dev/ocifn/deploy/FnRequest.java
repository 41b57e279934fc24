package dev.ocifn.deploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP request Fn's agent sends the FDK for one invocation (format http-stream): POST /call
 * with Fn-Call-Id and Fn-Deadline, and for an API Gateway call the Fn-Intent, Fn-Http-Method,
 * Fn-Http-Request-Url and one Fn-Http-H-* header per caller header.
 */
final class FnRequest {
    private FnRequest() {
    }

    static byte[] bytes(Scenario.Request request) {
        StringBuilder head = new StringBuilder("POST /call HTTP/1.1\r\n");
        header(head, "Host", "localhost");
        header(head, "User-Agent", "Go-http-client/1.1");
        header(head, "Fn-Call-Id", "01BENCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 19).toUpperCase());
        header(head, "Fn-Deadline", Instant.now().plus(Duration.ofMinutes(10)).toString());
        header(head, "Fn-Invoke-Type", "sync");
        String contentType = null;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = h.getValue();
            }
        }
        if (request.gateway()) {
            header(head, "Fn-Intent", "httprequest");
            header(head, "Fn-Http-Method", request.method());
            header(head, "Fn-Http-Request-Url", request.url());
            request.headers().forEach((name, value) -> header(head, "Fn-Http-H-" + name, value));
        }
        if (contentType != null) {
            header(head, "Content-Type", contentType);
        }
        header(head, "Content-Length", String.valueOf(request.body().length));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(request.body());
        return out.toByteArray();
    }

    private static void header(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }
}
