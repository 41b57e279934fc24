package dev.ocifn.deploy;

import com.fnproject.fn.api.Headers;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.runtime.EventCodec;
import com.fnproject.fn.runtime.ReadOnceInputEvent;
import org.apache.http.Header;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.HttpVersion;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.DefaultBHttpServerConnection;
import org.apache.http.impl.io.EmptyInputStream;
import org.apache.http.message.BasicStatusLine;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.protocol.HttpService;
import org.apache.http.protocol.ImmutableHttpProcessor;
import org.apache.http.protocol.UriHttpRequestHandlerMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;

/**
 * The FDK's http-stream protocol without the Fn agent: the same httpcore server pipeline as the
 * FDK's HTTPStreamCodec (HttpService, a "/call" handler, DefaultBHttpServerConnection), fed with
 * Fn's request bytes from memory, {@code count} times in a row, one connection each. The event
 * and response conversions follow HTTPStreamCodec's: the same headers stripped on the way in and
 * out, the content type, status line and the Fn-Fdk-* headers. Everything the handler calls is the
 * real runtime: EntryPoint's function loading, configuration, coercions, the gateway context.
 */
final class FnHttpCodec implements EventCodec {
    private static final Set<String> STRIP_IN = Set.of("Host", "Accept-Encoding", "Transfer-Encoding", "User-Agent",
            "Connection", "TE");
    private static final Set<String> STRIP_OUT = Set.of("Content-Length", "Transfer-Encoding", "Connection", "Fn-Fdk-Version");

    /** Told after each response is complete: its index and bytes. */
    interface Listener {
        void responded(int index, byte[] response, long nanos);
    }

    private final byte[] request;
    private final int count;
    private final Listener listener;
    private final String fdkVersion;

    FnHttpCodec(byte[] request, int count, Listener listener) {
        this.request = request;
        this.count = count;
        this.listener = listener;
        this.fdkVersion = "fdk-java/oneshot (jvm=" + System.getProperty("java.vm.name") + ", jvmv="
                + System.getProperty("java.version") + ")";
    }

    @Override
    public void runCodec(Handler h) {
        UriHttpRequestHandlerMapper mapper = new UriHttpRequestHandlerMapper();
        mapper.register("/call", (req, response, context) -> {
            InputEvent event = readEvent(req);
            OutputEvent out;
            try {
                out = h.handle(event);
            } catch (RuntimeException e) {
                response.setStatusCode(500);
                response.setEntity(new StringEntity("{\"message\":\"Unhandled internal error in FDK\"}", ContentType.APPLICATION_JSON));
                return;
            }
            writeEvent(out, response);
        });
        HttpService service = new HttpService(new ImmutableHttpProcessor(new HttpRequestInterceptor[0],
                new HttpResponseInterceptor[0]), mapper);
        ByteArrayOutputStream responses = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                // One connection per invocation, as with the FDK: its processor sets no Content-Length,
                // so httpcore closes the connection after each response and the body ends with it.
                DefaultBHttpServerConnection connection = new DefaultBHttpServerConnection(65535);
                connection.bind(new ByteSocket(new ByteArrayInputStream(request), responses));
                service.handleRequest(connection, new BasicHttpContext());
                connection.close();
                long nanos = System.nanoTime() - start;
                listener.responded(i, responses.toByteArray(), nanos);
                responses.reset();
            }
        } catch (IOException | HttpException e) {
            throw new IllegalStateException("the FDK's HTTP framing failed", e);
        }
    }

    private static InputEvent readEvent(HttpRequest request) throws IOException {
        InputStream body = request instanceof HttpEntityEnclosingRequest
                ? ((HttpEntityEnclosingRequest) request).getEntity().getContent()
                : EmptyInputStream.INSTANCE;
        Headers headers = Headers.emptyHeaders();
        for (Header h : request.getAllHeaders()) {
            if (!STRIP_IN.contains(Headers.canonicalKey(h.getName()))) {
                headers = headers.addHeader(h.getName(), h.getValue());
            }
        }
        String callId = request.getFirstHeader("Fn-Call-Id").getValue();
        Instant deadline = Instant.parse(request.getFirstHeader("Fn-Deadline").getValue());
        return new ReadOnceInputEvent(body, headers, callId, deadline);
    }

    private void writeEvent(OutputEvent event, HttpResponse response) throws IOException {
        event.getHeaders().asMap().forEach((name, values) -> {
            if (!STRIP_OUT.contains(name)) {
                values.forEach(v -> response.addHeader(name, v));
            }
        });
        ContentType type = event.getContentType().map(c -> {
            try {
                return ContentType.parse(c);
            } catch (RuntimeException e) {
                return ContentType.DEFAULT_BINARY;
            }
        }).orElse(ContentType.DEFAULT_BINARY);
        response.setHeader("Content-Type", type.toString());
        response.setHeader("Fn-Fdk-Version", fdkVersion);
        response.setStatusLine(new BasicStatusLine(HttpVersion.HTTP_1_1, event.getStatus().getCode(), event.getStatus().name()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        event.writeToOutput(body);
        response.setEntity(new ByteArrayEntity(body.toByteArray(), type));
    }
}
