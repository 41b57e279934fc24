package dev.ocifn.local;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;

import java.nio.charset.StandardCharsets;

/** Functions with one behaviour each, to see what the local gateway makes of them. */
public class TestFunctions {
    /** Answers the headers it was given, one per line, as the function sees them. */
    public OutputEvent echo(HTTPGatewayContext gateway, InputEvent event) {
        StringBuilder out = new StringBuilder();
        gateway.getHeaders().asMap().forEach((k, v) -> out.append(k).append('=').append(String.join(",", v)).append('\n'));
        out.append("url=").append(gateway.getRequestURL()).append('\n');
        gateway.setStatusCode(299);
        gateway.setResponseHeader("X-From-Function", "yes");
        return OutputEvent.fromBytes(out.toString().getBytes(StandardCharsets.UTF_8), OutputEvent.Status.Success, "text/plain");
    }

    public OutputEvent slow(InputEvent event) throws InterruptedException {
        Thread.sleep(3_000);
        return OutputEvent.fromBytes(new byte[0], OutputEvent.Status.Success, "text/plain");
    }

    public OutputEvent fail(InputEvent event) {
        throw new IllegalStateException("this function always fails");
    }
}
