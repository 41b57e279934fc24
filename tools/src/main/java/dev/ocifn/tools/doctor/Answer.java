package dev.ocifn.tools.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocifn.tools.json.JsonFiles;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the gateway answered. A function's error body is {@code {"code": "<text>", "message"}};
 * API Gateway's own refusals carry a number as {@code code} (or no JSON at all), which is how an
 * answer tells who sent it.
 */
record Answer(int status, byte[] body, Optional<String> opcRequestId) {
    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The function's (or OCI's, passed on) error code; empty for an answer of the gateway itself. */
    Optional<String> functionCode() {
        JsonNode code = json().path("code");
        return code.isTextual() ? Optional.of(code.asText()) : Optional.empty();
    }

    String message() {
        return json().path("message").asText("");
    }

    JsonNode json() {
        try {
            return JsonFiles.parse(new String(body, StandardCharsets.UTF_8), "answer");
        } catch (RuntimeException e) {
            return JsonFiles.mapper().createObjectNode();
        }
    }

    /** {@code 404 NotAuthorizedOrNotFound: message (opc-request-id ...)}: what the caller saw. */
    String summary() {
        String code = functionCode().map(c -> " " + c).orElse("");
        String message = message();
        return status + code + (message.isEmpty() ? "" : ": " + message)
                + opcRequestId.map(id -> " (opc-request-id " + id + ")").orElse("");
    }
}
