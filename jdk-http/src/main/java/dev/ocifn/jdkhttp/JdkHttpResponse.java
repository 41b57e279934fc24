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
 * first tries to parse it and then reads it again as text.
 */
final class JdkHttpResponse implements HttpResponse {
    private final java.net.http.HttpResponse<InputStream> response;
    private byte[] bytes;
    private boolean streamed;

    JdkHttpResponse(java.net.http.HttpResponse<InputStream> response) {
        this.response = response;
    }

    @Override
    public int status() {
        return response.statusCode();
    }

    /** Case-insensitive, as HTTP header names are. */
    @Override
    public Map<String, List<String>> headers() {
        return response.headers().map();
    }

    @Override
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Override
    public CompletionStage<InputStream> streamBody() {
        streamed = true;
        return CompletableFuture.completedFuture(response.body());
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
            try (InputStream in = response.body()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw TransportException.of("reading the answer of " + response.request().method() + " "
                        + response.uri().getHost(), e);
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
                response.body().close();
            } catch (IOException ignored) {
                // nothing to release beyond what close did
            }
        }
    }
}
