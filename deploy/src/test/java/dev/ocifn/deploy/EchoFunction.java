package dev.ocifn.deploy;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;

import java.nio.charset.StandardCharsets;

/**
 * A function for the launcher's tests: echoes the body, the gateway path, a caller header and a
 * configuration value, and answers a header with two values.
 */
public class EchoFunction {
    private final String greeting;

    public EchoFunction(RuntimeContext context) {
        greeting = context.getConfigurationByKey("GREETING").orElse("none");
    }

    public OutputEvent handleRequest(HTTPGatewayContext gateway, InputEvent event) {
        String body = event.consumeBody(in -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        gateway.setStatusCode(201);
        gateway.setResponseHeader("X-Path", gateway.getRequestURL());
        gateway.getHeaders().get("X-User-Id").ifPresent(user -> gateway.setResponseHeader("X-Seen-User", user));
        gateway.addResponseHeader("X-Multi", "a");
        gateway.addResponseHeader("X-Multi", "b");
        return OutputEvent.fromBytes((greeting + ":" + gateway.getMethod() + ":" + body).getBytes(StandardCharsets.UTF_8),
                OutputEvent.Status.Success, "text/plain");
    }
}
