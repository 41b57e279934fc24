package dev.ocifn.testkit;

import dev.ocifn.ocifake.FakeOciServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * A function's JSON error answer, {@code {"code","message"[,"opcRequestId"]}}, checked against
 * the status and code a test expects. {@code opcRequestId} is empty when the answer has none.
 */
public record ErrorAnswer(int status, String code, String message, String opcRequestId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Asserts the result is an error with this status and code and a message, and returns it. */
    public static ErrorAnswer expect(FnResult result, int status, String code) {
        assertEquals(describe(result), status, FnGateway.status(result));
        JsonNode error = json(result);
        ErrorAnswer answer = new ErrorAnswer(status, error.path("code").asText(), error.path("message").asText(),
                error.path("opcRequestId").asText());
        assertEquals(describe(result), code, answer.code());
        assertFalse(describe(result), answer.message().isEmpty());
        return answer;
    }

    /** As {@link #expect}, and nothing reached OCI: no request held its signature, none was refused. */
    public static ErrorAnswer refusedBeforeOci(FnResult result, FakeOciServer oci, int status, String code) {
        ErrorAnswer answer = expect(result, status, code);
        assertTrue(oci.requests().toString(), oci.requests().isEmpty());
        assertTrue(oci.rejections().toString(), oci.rejections().isEmpty());
        return answer;
    }

    /** The result's body as JSON; an AssertionError naming the body when it is not. */
    public static JsonNode json(FnResult result) {
        try {
            return JSON.readTree(result.getBodyAsBytes());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + describe(result), e);
        }
    }

    /** For assertion messages: the result's headers and the start of its body. */
    public static String describe(FnResult result) {
        String body = new String(result.getBodyAsBytes(), StandardCharsets.UTF_8);
        return result.getHeaders().asMap() + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
    }
}
