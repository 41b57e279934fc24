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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request.build(), BoundedBody.handler(maxResponseBytes));
        try {
            // The request timeout covers the wait for the status line; this bounds the body too.
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ModelAnswer.of(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new FnError(500, "InternalError", "the function was interrupted while waiting for the model deployment");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private FnError failure(Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BoundedBody.TooLarge) {
            return new FnError(502, "ResponseTooLarge", "the model deployment answered more than "
                    + maxResponseBytes + " bytes, more than a function may return");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FnError(502, "BadGateway", "the model deployment could not be reached (connect timed out)");
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (cause instanceof IOException) {
            return new FnError(502, "BadGateway", "the model deployment could not be reached ("
                    + cause.getClass().getSimpleName() + ")");
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        throw new IllegalStateException("predict failed", cause);
    }

    private FnError timedOut() {
        return new FnError(504, "GatewayTimeout", "the model deployment did not answer within "
                + timeout.toMillis() + " ms");
    }
}
