package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An answer as the SDK reads it: status and headers at once; the body as a stream (GetObject), or
 * read whole and then parsed as JSON or text. The whole body is kept, because on an error the SDK
 * first tries to parse it and then reads it again as text. Reading a body to its end returns the
 * connection to its client's pool; closing it earlier closes the connection.
 */
final class JdkHttpResponse implements HttpResponse {
    private final String what;
    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private byte[] bytes;
    private boolean streamed;

    JdkHttpResponse(Http1Response head, InputStream body, String what) {
        this.what = what;
        this.status = head.status;
        this.headers = head.headers;
        this.body = body;
    }

    @Override
    public int status() {
        return status;
    }

    /** Case-insensitive, as HTTP header names are. */
    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** A repeated header's values joined with commas, as Jersey's {@code Response.getHeaderString} gives them. */
    @Override
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    @Override
    public CompletionStage<InputStream> streamBody() {
        streamed = true;
        return CompletableFuture.completedFuture(body);
    }

    /** An empty body is null, as Jersey's JSON reader gives it (the SDK then uses a default message). */
    @Override
    public <T> CompletionStage<T> body(Class<T> type) {
        try {
            byte[] b = bytes();
            return CompletableFuture.completedFuture(b.length == 0 ? null : JdkHttpSerializer.INSTANCE.readValue(b, type));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletionStage<List<T>> listBody(Class<T> type) {
        try {
            byte[] b = bytes();
            return CompletableFuture.completedFuture(b.length == 0 ? null : JdkHttpSerializer.INSTANCE.readList(b, type));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<String> textBody() {
        try {
            return CompletableFuture.completedFuture(new String(bytes(), charset()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private byte[] bytes() {
        if (bytes == null) {
            if (streamed) {
                throw new IllegalStateException("the body was already handed out as a stream");
            }
            try (InputStream in = body) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw TransportException.of("reading the answer of " + what, e);
            }
        }
        return bytes;
    }

    private Charset charset() {
        String type = header("content-type");
        if (type != null) {
            for (String param : type.split(";")) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring("charset=".length()).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Releases the connection unless the body went out as a stream, which its reader closes. */
    @Override
    public void close() {
        if (!streamed && bytes == null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // nothing to release beyond what close did
            }
        }
    }
}
