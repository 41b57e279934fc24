package dev.ocifn.deploy;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;

import java.nio.charset.StandardCharsets;

/** A function for the launcher's tests: echoes the body, the gateway path and a configuration value. */
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
        return OutputEvent.fromBytes((greeting + ":" + gateway.getMethod() + ":" + body).getBytes(StandardCharsets.UTF_8),
                OutputEvent.Status.Success, "text/plain");
    }
}
