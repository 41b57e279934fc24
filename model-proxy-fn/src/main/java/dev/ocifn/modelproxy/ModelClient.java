package dev.ocifn.modelproxy;

import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import dev.ocifn.support.FnError;
import dev.ocifn.support.OciAuth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sends one predict call: the caller's body and content type, signed as the function's principal
 * with the SDK's signer (predict has no SDK operation), over one JDK HTTP client per container.
 * Nothing else of the caller's request goes out.
 */
final class ModelClient {
    /** Headers the JDK client writes itself (and refuses from us); it writes the same values the signer signed. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");
    private static final String USER_AGENT = "oci-fn-proxies/model-proxy-fn";

    private final HttpClient http;
    private final RequestSigner signer;
    private final Duration timeout;
    private final long maxResponseBytes;

    ModelClient(OciAuth auth, Duration connectTimeout, Duration timeout, long maxResponseBytes) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect must never carry the signed request (or its body) to another place.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                // The client's own tasks run where they arise (its selector thread) instead of
                // hopping to a pool thread each: none blocks (BoundedBody only collects bytes).
                .executor(Runnable::run)
                .build();
        this.signer = DefaultRequestSigner.createRequestSigner(auth.provider());
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        // Once per container: a second line for the same container means a client is built per call.
        System.err.println("built model-deployment HttpClient (HTTP/1.1, connect timeout " + connectTimeout.toMillis()
                + "ms, predict timeout " + timeout.toMillis() + "ms) as " + auth.description());
    }

    ModelAnswer predict(PredictEndpointPolicy.PredictUrl url, String contentType, byte[] body) {
        Map<String, String> signed = signer.signRequest(url.uri(), "POST",
                Map.of("content-type", List.of(contentType)), new SignableBody(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(url.uri())
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach((name, value) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        if (signed.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            request.header("Content-Type", contentType);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // Sent and awaited on this thread: sendAsync completes through CompletableFuture's
            // default pool, which starts a new thread per request on a machine with fewer than
            // three CPUs. The request timeout bounds the wait for the status line, the body
            // handler the rest, by the same deadline.
            HttpResponse<byte[]> response = http.send(request.build(), BoundedBody.handler(maxResponseBytes, deadline));
            return ModelAnswer.of(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FnError(500, "InternalError", "the function was interrupted while waiting for the model deployment");
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The JDK's send wraps what failed in an exception of its own; the first cause we know decides. */
    private FnError failure(IOException failure) {
        IOException innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BoundedBody.TooLarge) {
                return new FnError(502, "ResponseTooLarge", "the model deployment answered more than "
                        + maxResponseBytes + " bytes, more than a function may return");
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return new FnError(502, "BadGateway", "the model deployment could not be reached (connect timed out)");
            }
            if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
                return timedOut();
            }
            if (cause instanceof IOException) {
                innermost = (IOException) cause;
            }
        }
        return new FnError(502, "BadGateway", "the model deployment could not be reached ("
                + innermost.getClass().getSimpleName() + ")");
    }

    private FnError timedOut() {
        return new FnError(504, "GatewayTimeout", "the model deployment did not answer within "
                + timeout.toMillis() + " ms");
    }
}
