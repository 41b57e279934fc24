package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;
import com.oracle.bmc.http.client.io.DuplicatableInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * One SDK request, assembled by the SDK (path, query, headers, body), signed by the client's
 * interceptors on {@link #execute()}, then sent on an {@link HttpURLConnection}.
 */
final class JdkHttpRequest implements HttpRequest {
    /** Headers HttpURLConnection writes itself (and drops when a caller sets them). */
    private static final Set<String> WRITTEN_BY_JDK = Set.of("host", "content-length", "connection", "upgrade", "expect",
            "transfer-encoding", "keep-alive");
    /**
     * Where async calls (the SDK's async clients) are sent: threads made as needed, dropped when
     * idle. In a holder, so that a function, whose calls are all sync, never builds the pool.
     */
    private static final class Async {
        static final Executor POOL = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "jdk-http-async");
            t.setDaemon(true);
            return t;
        });
    }

    private final JdkHttpClient client;
    private final Method method;
    private final Map<String, List<String>> headers;
    private final Map<String, Object> attributes;
    private TargetUri target;
    private Object body;
    private long contentLength = -1;
    private Executor offloadExecutor;

    JdkHttpRequest(JdkHttpClient client, Method method, TargetUri target) {
        this.client = client;
        this.method = method;
        this.target = target;
        this.headers = new LinkedHashMap<>();
        this.attributes = new HashMap<>();
    }

    private JdkHttpRequest(JdkHttpRequest from) {
        this.client = from.client;
        this.method = from.method;
        this.target = from.target;
        this.body = from.body;
        this.contentLength = from.contentLength;
        this.offloadExecutor = from.offloadExecutor;
        this.headers = new LinkedHashMap<>();
        from.headers.forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        this.attributes = new HashMap<>(from.attributes);
    }

    @Override
    public Method method() {
        return method;
    }

    /** Strings and streams are sent as they are; models become JSON here, so the signer hashes the bytes sent. */
    @Override
    public HttpRequest body(Object body) {
        if (body == null) {
            this.body = "";
        } else if (body instanceof String || body instanceof InputStream) {
            this.body = body;
        } else {
            try {
                this.body = JdkHttpSerializer.INSTANCE.writeValueAsString(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("Unable to process JSON body", e);
            }
        }
        this.contentLength = -1;
        return this;
    }

    @Override
    public HttpRequest body(InputStream body, long contentLength) {
        this.body = body;
        this.contentLength = contentLength;
        return this;
    }

    @Override
    public Object body() {
        return body;
    }

    @Override
    public HttpRequest appendPathPart(String encodedPathPart) {
        target = target.withPathPart(encodedPathPart);
        return this;
    }

    @Override
    public HttpRequest query(String name, String value) {
        target = target.withQuery(name, value);
        return this;
    }

    @Override
    public URI uri() {
        return target.toUri();
    }

    @Override
    public HttpRequest header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public HttpRequest removeAttribute(String name) {
        attributes.remove(name);
        return this;
    }

    @Override
    public HttpRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /**
     * The SDK's sync calls pass a waiter: an executor whose tasks the calling thread runs while it
     * waits for the answer. See {@link #execute()}.
     */
    @Override
    public HttpRequest offloadExecutor(Executor executor) {
        this.offloadExecutor = executor;
        return this;
    }

    @Override
    public HttpRequest copy() {
        return new JdkHttpRequest(this);
    }

    @Override
    public void discard() {
        // nothing held before execute
    }

    /**
     * A sync call (the SDK passed its waiter: an executor the calling thread runs while it waits)
     * sends on the calling thread, so the answer reaches it without a thread in between. An async
     * call (no waiter) is sent on {@link Async#POOL}'s threads.
     */
    @Override
    public CompletionStage<HttpResponse> execute() {
        // The signer signs a date that is present as it is, and otherwise formats one with a
        // SimpleDateFormat it builds per signature (HttpDate). Each attempt of an SDK call is a
        // fresh copy of a request never sent, so this date is always this attempt's.
        if (!hasHeader(HttpDate.HEADER) && !hasHeader("x-date")) {
            header(HttpDate.HEADER, HttpDate.now());
        }
        for (RequestInterceptor interceptor : client.interceptors()) {
            interceptor.intercept(this);
        }
        return CompletableFuture.supplyAsync(this::send, offloadExecutor != null ? offloadExecutor : Async.POOL);
    }

    private boolean hasHeader(String name) {
        return !headerValues(name).isEmpty();
    }

    /** The values of a header the SDK set, whatever the case of its name (none: empty). */
    private List<String> headerValues(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return List.of();
    }

    private HttpResponse send() {
        URI uri = target.toUri();
        String what = method + " " + uri.getHost();
        if (method == Method.PATCH) {
            // HttpURLConnection refuses the method; no OCI call these functions make uses it.
            throw new UnsupportedOperationException(what + ": PATCH is not supported by " + JdkHttpProvider.class.getName());
        }
        try {
            HttpURLConnection c = client.open(uri);
            c.setRequestMethod(method.name());
            boolean expectContinue = copyHeaders(c, uri);
            Body b = outgoing();
            if (b != null && BodyMode.apply(c, b.length) && expectContinue) {
                // Honoured by the JDK in streaming mode: the body waits for the 100 (at most the read timeout).
                c.setRequestProperty("Expect", "100-continue");
            }
            connect(c, what);
            if (b != null) {
                try (OutputStream out = c.getOutputStream()) {
                    b.writeTo(out);
                }
            }
            return new JdkHttpResponse(c, what);
        } catch (IOException e) {
            throw TransportException.of(what, e);
        }
    }

    /** A connect timeout is an unreachable service (502), not a slow answer (504): see {@link TransportException}. */
    private void connect(HttpURLConnection c, String what) throws IOException {
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            throw TransportException.connectTimeout(what, client.settings().connectTimeoutMillis(), e);
        }
    }

    /**
     * The SDK's headers, except those the JDK writes itself. The signer signs host and
     * content-length; the JDK writes the same values (the host from the URI, whose default port
     * {@link TargetUri} drops as the signer does; the length of the body sent).
     *
     * @return whether the SDK asked for {@code Expect: 100-continue}
     */
    private boolean copyHeaders(HttpURLConnection c, URI uri) {
        String host = null;
        boolean expectContinue = false;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("expect")) {
                expectContinue = header.getValue().stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"));
            } else if (name.equals("host")) {
                host = header.getValue().isEmpty() ? null : header.getValue().get(0);
            } else if (!WRITTEN_BY_JDK.contains(name)) {
                for (String value : header.getValue()) {
                    c.addRequestProperty(header.getKey(), value);
                }
            }
        }
        String written = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (host != null && !host.equalsIgnoreCase(written)) {
            // The signature covers this header; the JDK would send another value and OCI would answer 401.
            throw new IllegalStateException("host header '" + host + "' differs from the request URI's '" + written + "'");
        }
        return expectContinue;
    }

    /**
     * What goes out after the headers, or null for no body. A stream short enough to go out with
     * the headers ({@link BodyMode}) is read here; a longer one is streamed, never held whole.
     */
    private Body outgoing() throws IOException {
        if (body == null || (body instanceof String && ((String) body).isEmpty() && !hasBodyMethod())) {
            return null;
        }
        if (body instanceof String) {
            return Body.of(((String) body).getBytes(StandardCharsets.UTF_8));
        }
        InputStream stream = (InputStream) body;
        // A duplicatable stream (the SDK's wrapper of a byte array or file) is sent from a fresh copy,
        // so the original stays readable for a retry; any other stream is sent once.
        boolean copy = stream instanceof DuplicatableInputStream;
        InputStream source = copy ? ((DuplicatableInputStream) stream).duplicate() : stream;
        long length = contentLength >= 0 ? contentLength : declaredContentLength();
        if (length >= 0 && length <= BodyMode.WITH_HEADERS_MAX) {
            try (InputStream in = new LimitedInputStream(source, length, copy)) {
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    throw new IllegalArgumentException("the body ended after " + bytes.length + " of " + length + " bytes");
                }
                return Body.of(bytes);
            }
        }
        return new Body(null, new LimitedInputStream(source, length < 0 ? Long.MAX_VALUE : length, copy), length);
    }

    private boolean hasBodyMethod() {
        return method == Method.POST || method == Method.PUT || method == Method.PATCH;
    }

    private long declaredContentLength() {
        List<String> values = headerValues("content-length");
        if (values.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(values.get(0).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("content-length is not a number: " + values.get(0));
        }
    }

    /** A body held whole ({@code bytes}) or a stream of {@code length} bytes (-1: unknown, sent chunked). */
    private record Body(byte[] bytes, InputStream stream, long length) {
        static Body of(byte[] bytes) {
            return new Body(bytes, null, bytes.length);
        }

        void writeTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
                return;
            }
            try (InputStream in = stream) {
                long sent = in.transferTo(out);
                if (length >= 0 && sent < length) {
                    throw new IOException("the body ended after " + sent + " of " + length + " bytes");
                }
            }
        }
    }

    /** Sends exactly the declared number of bytes even if the caller's stream holds more. */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final boolean owned;
        private long left;

        LimitedInputStream(InputStream in, long left, boolean owned) {
            this.in = in;
            this.left = left;
            this.owned = owned;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        /** Closes a duplicate made for this send; the caller's own stream stays the caller's to close. */
        @Override
        public void close() throws IOException {
            if (owned) {
                in.close();
            }
        }
    }
}
