package dev.ocifn.modelproxy;

import dev.ocifn.support.FnError;
import dev.ocifn.support.Reply;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the model deployment answered. Its status, content type and body go back unchanged,
 * whatever the status (the model's own 4xx/5xx and OCI's 401/404 alike are the caller's answer),
 * with only a few headers that belong to the body or help the caller: every other header of the
 * model (cookies, server details, redirects) stays behind.
 */
record ModelAnswer(int status, String contentType, byte[] body, String opcRequestId, String retryAfter,
                   String contentEncoding) {

    /** {@code header}: a header's value by name (any case), or null. */
    static ModelAnswer of(int status, UnaryOperator<String> header, byte[] body) {
        return new ModelAnswer(status,
                header.apply("content-type"),
                body,
                header.apply("opc-request-id"),
                header.apply("retry-after"),
                header.apply("content-encoding"));
    }

    Reply toReply() {
        if (status >= 300 && status < 400) {
            // Redirects are not followed (the signed request must not go elsewhere) and a 3xx
            // without its Location means nothing to the caller.
            throw new FnError(502, "BadGateway", "the model deployment answered " + status
                    + " (a redirect), which the function does not follow", opcRequestId, Map.of());
        }
        return Reply.bytes(status, contentType, body)
                .header("opc-request-id", opcRequestId)
                .header("Retry-After", retryAfter)
                .header("Content-Encoding", contentEncoding);
    }
}
