package dev.ocifn.modelproxy;

import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import dev.ocifn.jdkhttp.BodyMode;
import dev.ocifn.jdkhttp.HttpDate;
import dev.ocifn.support.FnError;
import dev.ocifn.support.OciAuth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends one predict call: the caller's body and content type, signed as the function's principal
 * with the SDK's signer (predict has no SDK operation), on the JDK's HttpURLConnection (blocking,
 * on the calling thread; idle connections are kept and reused by the JDK). Nothing else of the
 * caller's request goes out. Why HttpURLConnection rather than java.net.http: see jdk-http's README.
 */
final class ModelClient {
    /** Headers the JDK writes itself (and drops from us); it writes the same values the signer signed. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");
    private static final String USER_AGENT = "oci-fn-proxies/model-proxy-fn";

    private final RequestSigner signer;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxResponseBytes;

    ModelClient(OciAuth auth, Duration connectTimeout, Duration timeout, long maxResponseBytes) {
        this.signer = DefaultRequestSigner.createRequestSigner(auth.provider());
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        // Once per container: a second line for the same container means a client is built per call.
        System.err.println("built model-deployment client (HTTP/1.1, connect timeout " + connectTimeout.toMillis()
                + "ms, predict timeout " + timeout.toMillis() + "ms) as " + auth.description());
    }

    ModelAnswer predict(PredictEndpointPolicy.PredictUrl url, String contentType, byte[] body) {
        // A date of our own (HttpDate: the signer would build a date format per signature).
        String date = HttpDate.now();
        Map<String, String> signed = signer.signRequest(url.uri(), "POST",
                Map.of("content-type", List.of(contentType), HttpDate.HEADER, List.of(date)), new SignableBody(body));
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.uri().toURL().openConnection();
            // A redirect must never carry the signed request (or its body) to another place.
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            // Bounds each wait for bytes; BoundedBody holds the whole answer to the same deadline.
            c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            c.setRequestMethod("POST");
            BodyMode.apply(c, body.length);
            c.setRequestProperty("User-Agent", USER_AGENT);
            c.setRequestProperty("Date", date);
            for (Map.Entry<String, String> header : signed.entrySet()) {
                if (!SET_BY_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    c.setRequestProperty(header.getKey(), header.getValue());
                }
            }
            if (signed.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                c.setRequestProperty("Content-Type", contentType);
            }
            try {
                c.connect();
            } catch (SocketTimeoutException e) {
                throw new FnError(502, "BadGateway", "the model deployment could not be reached (connect timed out)");
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] answer;
            try (InputStream stream = in == null ? InputStream.nullInputStream() : in) {
                answer = BoundedBody.read(stream, c.getContentLengthLong(), maxResponseBytes, deadline);
            }
            return ModelAnswer.of(status, c::getHeaderField, answer);
        } catch (IOException e) {
            if (c != null) {
                // What is left of this answer is not read: the connection must not be reused.
                c.disconnect();
            }
            throw failure(e);
        }
    }

    private FnError failure(IOException failure) {
        if (failure instanceof BoundedBody.TooLarge) {
            return new FnError(502, "ResponseTooLarge", "the model deployment answered more than "
                    + maxResponseBytes + " bytes, more than a function may return");
        }
        if (failure instanceof SocketTimeoutException) {
            return new FnError(504, "GatewayTimeout", "the model deployment did not answer within "
                    + timeout.toMillis() + " ms");
        }
        return new FnError(502, "BadGateway", "the model deployment could not be reached ("
                + failure.getClass().getSimpleName() + ")");
    }
}
