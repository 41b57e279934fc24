package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An answer as the SDK reads it: status and headers at once; the body as a stream (GetObject), or
 * read whole and then parsed as JSON or text. The whole body is kept, because on an error the SDK
 * first tries to parse it and then reads it again as text. Reading a body to its end and closing
 * it returns the connection to the JDK's pool of idle connections.
 */
final class JdkHttpResponse implements HttpResponse {
    private final HttpURLConnection connection;
    private final String what;
    private final int status;
    private final Map<String, List<String>> headers;
    private byte[] bytes;
    private boolean streamed;

    /** Waits for the status line and headers (at most the read timeout). */
    JdkHttpResponse(HttpURLConnection connection, String what) throws IOException {
        this.connection = connection;
        this.what = what;
        this.status = connection.getResponseCode();
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                // the status line is the entry without a name
                map.merge(name, values, (a, b) -> {
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
            }
        });
        this.headers = Collections.unmodifiableMap(map);
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

    @Override
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public CompletionStage<InputStream> streamBody() {
        streamed = true;
        try {
            return CompletableFuture.completedFuture(stream());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(TransportException.of("reading the answer of " + what, e));
        }
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

    /** The body: an error status's comes from the error stream (the JDK throws for the other); none is empty. */
    private InputStream stream() throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return in == null ? InputStream.nullInputStream() : in;
    }

    private byte[] bytes() {
        if (bytes == null) {
            if (streamed) {
                throw new IllegalStateException("the body was already handed out as a stream");
            }
            try (InputStream in = stream()) {
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
                stream().close();
            } catch (IOException ignored) {
                // nothing to release beyond what close did
            }
        }
    }
}
