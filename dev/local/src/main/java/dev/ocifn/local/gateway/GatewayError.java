package dev.ocifn.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal by the gateway itself, before or instead of the function. OCI API Gateway answers
 * these with a small JSON body {@code {"code": <status>, "message": "..."}}.
 */
final class GatewayError extends Exception {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();

    GatewayError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    GatewayError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    static GatewayError unauthorized(String why) {
        return new GatewayError(401, "Unauthorized").header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .withReason(why);
    }

    private String reason = "";

    GatewayError withReason(String why) {
        this.reason = why;
        return this;
    }

    /** Why, for the gateway's own log; never sent to the client (it would help an attacker). */
    String reason() {
        return reason;
    }
}
