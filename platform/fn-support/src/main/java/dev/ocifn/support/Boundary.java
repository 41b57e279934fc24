package dev.ocifn.support;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;
import com.oracle.bmc.model.BmcException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The edge of every function: reads the body within its limit, runs the handler, and turns
 * whatever happens into an answer with the right status. Nothing escapes (an exception would
 * reach the caller as a bare 502), and one log line per call goes to stderr.
 */
public final class Boundary {
    /** Setting that lowers the largest body a function accepts (Fn itself stops at 6 MB). */
    public static final String MAX_BODY_BYTES = "MAX_BODY_BYTES";
    public static final long FN_BODY_LIMIT = 6L * 1024 * 1024;

    /** What a function does with one call. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(GatewayRequest request);
    }

    private final String functionName;
    private final long maxBodyBytes;
    private final FnError configurationError;
    private final PrintStream log = System.err;

    private Boundary(String functionName, long maxBodyBytes, FnError configurationError) {
        this.functionName = functionName;
        this.maxBodyBytes = maxBodyBytes;
        this.configurationError = configurationError;
    }

    /**
     * The boundary of one function, with the body limit from {@code MAX_BODY_BYTES} (the
     * function's default when unset, never above Fn's 6 MB). A bad limit is answered on every
     * call rather than failing the container.
     */
    public static Boundary forFunction(String functionName, Settings settings, long defaultMaxBody) {
        try {
            return new Boundary(functionName, settings.number(MAX_BODY_BYTES, defaultMaxBody, 1, FN_BODY_LIMIT), null);
        } catch (FnError e) {
            return new Boundary(functionName, defaultMaxBody, e);
        }
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public OutputEvent run(HTTPGatewayContext gateway, InputEvent event, Handler handler) {
        long started = System.nanoTime();
        Reply reply;
        GatewayRequest request = null;
        try {
            if (configurationError != null) {
                throw configurationError;
            }
            request = new GatewayRequest(gateway, event, readBody(event));
            reply = handler.handle(request);
        } catch (FnError e) {
            reply = Reply.error(e);
        } catch (BmcException e) {
            reply = Reply.error(OciErrors.toFnError(e));
        } catch (RuntimeException e) {
            // Unexpected: log where it happened, not the message, which might quote input.
            log.println(functionName + " unexpected " + e.getClass().getName() + stackOf(e));
            reply = Reply.error(new FnError(500, "InternalError", "the function failed unexpectedly; see its log"));
        }
        gateway.setStatusCode(reply.status());
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            gateway.setResponseHeader(h.getKey(), h.getValue());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        String method = request == null ? "-" : request.method();
        String path = request == null || request.rawPath().isEmpty() ? "(invoke)" : request.rawPath();
        String opc = reply.header("opc-request-id");
        log.println(functionName + " " + method + " " + path + " " + reply.status() + " " + ms + "ms"
                + (opc == null ? "" : " opc-request-id=" + opc));
        return OutputEvent.fromBytes(reply.body(), OutputEvent.Status.Success, reply.contentType());
    }

    private byte[] readBody(InputEvent event) {
        byte[] body = event.consumeBody(in -> readAtMost(in, maxBodyBytes + 1));
        if (body.length > maxBodyBytes) {
            throw FnError.tooLarge("the request body", maxBodyBytes);
        }
        return body;
    }

    private static byte[] readAtMost(InputStream in, long limit) {
        try {
            return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stackOf(Throwable e) {
        StringBuilder out = new StringBuilder();
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) {
            out.append("\n    at ").append(frames[i]);
        }
        return out.toString();
    }
}
