package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;
import com.oracle.bmc.http.client.io.DuplicatableInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One SDK request, assembled by the SDK (path, query, headers, body), signed by the client's
 * interceptors on {@link #execute()}, then sent with the JDK client.
 */
final class JdkHttpRequest implements HttpRequest {
    /**
     * Headers the JDK client writes itself and refuses from the caller. The signer signs host and
     * content-length; the JDK writes the same values (the host from the URI, whose default port
     * {@link TargetUri} drops as the signer does; the length of the body sent).
     */
    private static final Set<String> WRITTEN_BY_JDK = Set.of("host", "content-length", "connection", "upgrade", "expect");

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
     * A sync call (the SDK passed its waiter) sends on the waiting thread with the JDK's blocking
     * {@code send}: the answer reaches that thread straight from the client's selector. The JDK's
     * {@code sendAsync} completes its future through {@code CompletableFuture}'s default pool,
     * which on a machine with fewer than three CPUs (a function's) starts a new thread for every
     * request; an async call (no waiter) still takes that way.
     */
    @Override
    public CompletionStage<HttpResponse> execute() {
        for (RequestInterceptor interceptor : client.interceptors()) {
            interceptor.intercept(this);
        }
        java.net.http.HttpRequest request = toJdkRequest();
        long readTimeout = client.settings().readTimeoutMillis();
        java.net.http.HttpResponse.BodyHandler<InputStream> body = info -> new BodyStream(readTimeout);
        String what = method + " " + request.uri().getHost();
        if (offloadExecutor != null) {
            return CompletableFuture.supplyAsync(() -> send(request, body, what), offloadExecutor);
        }
        return client.jdkClient()
                .sendAsync(request, body)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw TransportException.of(what, unwrap(failure));
                    }
                    return new JdkHttpResponse(response);
                });
    }

    private HttpResponse send(java.net.http.HttpRequest request,
                              java.net.http.HttpResponse.BodyHandler<InputStream> body, String what) {
        try {
            return new JdkHttpResponse(client.jdkClient().send(request, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportException.of(what, e);
        } catch (IOException e) {
            throw TransportException.of(what, e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    java.net.http.HttpRequest toJdkRequest() {
        URI uri = target.toUri();
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri);
        long readTimeout = client.settings().readTimeoutMillis();
        if (readTimeout > 0) {
            // Bounds the wait for the status line; BodyStream bounds each wait for body bytes.
            b.timeout(Duration.ofMillis(readTimeout));
        }
        String host = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("expect")) {
                b.expectContinue(header.getValue().stream().anyMatch(v -> v.equalsIgnoreCase("100-continue")));
            } else if (name.equals("host")) {
                host = header.getValue().isEmpty() ? null : header.getValue().get(0);
            } else if (!WRITTEN_BY_JDK.contains(name)) {
                for (String value : header.getValue()) {
                    b.header(header.getKey(), value);
                }
            }
        }
        String written = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (host != null && !host.equalsIgnoreCase(written)) {
            // The signature covers this header; the JDK would send another value and OCI would answer 401.
            throw new IllegalStateException("host header '" + host + "' differs from the request URI's '" + written + "'");
        }
        return b.method(method.name(), publisher()).build();
    }

    private java.net.http.HttpRequest.BodyPublisher publisher() {
        if (body == null || (body instanceof String && ((String) body).isEmpty() && !hasBodyMethod())) {
            return java.net.http.HttpRequest.BodyPublishers.noBody();
        }
        if (body instanceof String) {
            return java.net.http.HttpRequest.BodyPublishers.ofByteArray(((String) body).getBytes(StandardCharsets.UTF_8));
        }
        InputStream stream = (InputStream) body;
        // A duplicatable stream (the SDK's wrapper of a byte array or file) is sent from a fresh copy,
        // so the original stays readable for a retry; any other stream is sent once.
        boolean copy = stream instanceof DuplicatableInputStream;
        Supplier<InputStream> source = copy ? ((DuplicatableInputStream) stream)::duplicate : () -> stream;
        long length = contentLength >= 0 ? contentLength : declaredContentLength();
        if (length < 0) {
            return java.net.http.HttpRequest.BodyPublishers.ofInputStream(source);
        }
        if (length == 0) {
            // An empty object: the JDK wants no publisher with a zero length, and an empty array says the same.
            return java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[0]);
        }
        Supplier<InputStream> limited = () -> new LimitedInputStream(source.get(), length, copy);
        return java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(limited), length);
    }

    private boolean hasBodyMethod() {
        return method == Method.POST || method == Method.PUT || method == Method.PATCH;
    }

    private long declaredContentLength() {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-length") && !header.getValue().isEmpty()) {
                try {
                    return Long.parseLong(header.getValue().get(0).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("content-length is not a number: " + header.getValue().get(0));
                }
            }
        }
        return -1;
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
