package dev.ocifn.deploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The HTTP request Fn's agent sends the FDK for one invocation (format http-stream): POST /call
 * with Fn-Call-Id and Fn-Deadline, and for an API Gateway call the headers {@link FnHttpHeaders}
 * encodes it in; a plain invoke carries only the caller's Content-Type.
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
        if (request.gateway()) {
            FnHttpHeaders.request(request.method(), request.url(), request.headers()).forEach((name, value) -> header(head, name, value));
        } else {
            request.headers().forEach((name, value) -> {
                if (name.equalsIgnoreCase(FnHttpHeaders.CONTENT_TYPE)) {
                    header(head, FnHttpHeaders.CONTENT_TYPE, value);
                }
            });
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
