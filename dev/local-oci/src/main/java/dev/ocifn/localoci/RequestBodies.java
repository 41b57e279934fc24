package dev.ocifn.localoci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.ocifake.RecordedRequest;

import java.io.IOException;
import java.util.Locale;

/** The JSON body of a POST, refused the way OCI refuses a body it cannot read. */
public final class RequestBodies {
    private RequestBodies() {
    }

    public static ObjectNode jsonObject(RecordedRequest request) {
        String type = request.header("content-type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new OciError(400, "InvalidParameter", "Content-Type must be application/json");
        }
        JsonNode body;
        try {
            body = Replies.JSON.readTree(request.body());
        } catch (IOException e) {
            throw new OciError(400, "CannotParseRequest", "The request body is not valid JSON");
        }
        if (!(body instanceof ObjectNode)) {
            throw new OciError(400, "CannotParseRequest", "The request body must be a JSON object");
        }
        return (ObjectNode) body;
    }
}
