package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;
import com.oracle.bmc.http.client.io.DuplicatableInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * interceptors on {@link #execute()}, then written as HTTP/1.1 on one of the client's connections.
 */
final class JdkHttpRequest implements HttpRequest {
    /** Headers this class writes itself from the request it sends (a caller's values are not passed on). */
    private static final Set<String> WRITTEN_HERE = Set.of("host", "content-length", "connection", "upgrade", "expect",
            "transfer-encoding", "keep-alive", "te", "proxy-authorization", "proxy-connection");
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

    /**
     * Writes the request on a pooled or new connection and reads the answer's status line and
     * headers. Never sent twice: a connection that fails before the answer fails the call (the
     * SDK's retry policy decides what happens next). A body longer than
     * {@link BodyMode#WITH_HEADERS_MAX} for which the SDK asked {@code Expect: 100-continue} waits for
     * the {@code 100} (at most {@link #WAIT_FOR_CONTINUE_MS}, then goes anyway); a final answer
     * instead is the answer, and the body is not sent.
     */
    private HttpResponse send() {
        URI uri = target.toUri();
        String what = method + " " + uri.getHost();
        List<String[]> lines = headerLines(uri);
        Body b;
        try {
            b = outgoing();
        } catch (IOException e) {
            throw TransportException.of(what + ": reading the request body", e);
        }
        boolean withHeaders = b == null || b.length <= BodyMode.WITH_HEADERS_MAX;
        boolean expectContinue = !withHeaders && headerValues("expect").stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"));
        Http1Connection c;
        try {
            c = client.connection(uri, what);
        } catch (IOException e) {
            throw TransportException.of(what, e);
        }
        try {
            c.out.write(head(uri, c, lines, b, expectContinue));
            Http1Response answer = null;
            if (b != null && withHeaders) {
                b.writeTo(c.out);
            } else if (b != null) {
                if (expectContinue) {
                    c.out.flush();
                    answer = awaitContinue(c);
                }
                if (answer == null) {
                    b.writeTo(c.out);
                }
            }
            c.out.flush();
            boolean bodySent = answer == null;
            if (answer == null) {
                answer = finalAnswer(c);
            }
            InputStream body = answer.body(c.in, method.name(), reusable -> client.release(c, reusable && bodySent));
            return new JdkHttpResponse(answer, body, what);
        } catch (IOException | RuntimeException e) {
            c.close();
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw TransportException.of(what, e);
        }
    }

    /** How long a body waits for {@code 100 Continue}: Apache HttpClient's default, which the SDK's Jersey provider uses. */
    static final int WAIT_FOR_CONTINUE_MS = 3_000;

    /** The {@code 100} (null: send the body) or a final answer (do not send it); silence is taken as a go. */
    private static Http1Response awaitContinue(Http1Connection c) throws IOException {
        int readTimeout = c.readTimeout();
        c.readTimeout(readTimeout > 0 ? Math.min(readTimeout, WAIT_FOR_CONTINUE_MS) : WAIT_FOR_CONTINUE_MS);
        try {
            while (true) {
                Http1Response r = Http1Response.readHead(c.in);
                if (r.status == 100) {
                    return null;
                }
                if (r.status >= 200) {
                    return r;
                }
            }
        } catch (SocketTimeoutException silence) {
            return null;
        } finally {
            c.readTimeout(readTimeout);
        }
    }

    /** The first answer with a final status; interim ones (a late {@code 100}) are skipped. */
    private static Http1Response finalAnswer(Http1Connection c) throws IOException {
        while (true) {
            Http1Response r = Http1Response.readHead(c.in);
            if (r.status >= 200) {
                return r;
            }
        }
    }

    /**
     * The SDK's headers as name/value pairs, checked before anything is sent; those this class
     * writes itself are left out.
     * The signer signs host and content-length: the values written are the same (the host from
     * the URI, whose default port {@link TargetUri} drops as the signer does; the length of the
     * body sent).
     */
    private List<String[]> headerLines(URI uri) {
        List<String[]> lines = new ArrayList<>(headers.size() + 4);
        String host = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host")) {
                host = header.getValue().isEmpty() ? null : header.getValue().get(0);
            } else if (!WRITTEN_HERE.contains(lower)) {
                checkName(name);
                for (String value : header.getValue()) {
                    lines.add(new String[] {name, checkValue(name, value)});
                }
            }
        }
        String written = hostHeader(uri);
        if (host != null && !host.equalsIgnoreCase(written)) {
            // The signature covers this header; another value would go out and OCI would answer 401.
            throw new IllegalStateException("host header '" + host + "' differs from the request URI's '" + written + "'");
        }
        return lines;
    }

    private static String hostHeader(URI uri) {
        String host = uri.getHost();
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }

    private static void checkName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch <= ' ' || ch >= 0x7f || ch == ':') {
                throw new IllegalArgumentException("not a valid header name: '" + name + "'");
            }
        }
    }

    /**
     * Header values go out as ISO-8859-1, as with the SDK's Jersey provider; a value that cannot
     * (a character beyond U+00FF, for which Apache HttpClient writes a question mark) or that would
     * end the header early (CR, LF, NUL; Apache writes spaces) is refused before anything is sent.
     */
    private static String checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch > 0xff || ch == '\r' || ch == '\n' || ch == 0) {
                throw new IllegalArgumentException("header '" + name + "' has a value that HTTP/1.1 cannot carry (character "
                        + String.format("U+%04X", (int) ch) + " at " + i + ")");
            }
        }
        return value;
    }

    /** Request line and headers, ISO-8859-1. Through an HTTP proxy (http only) the target is the absolute URI. */
    private byte[] head(URI uri, Http1Connection c, List<String[]> lines, Body b, boolean expectContinue) {
        StringBuilder h = new StringBuilder(768);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestTarget = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (c.viaProxy) {
            requestTarget = uri.getScheme() + "://" + uri.getRawAuthority() + requestTarget;
        }
        h.append(method.name()).append(' ').append(requestTarget).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(hostHeader(uri)).append("\r\n");
        for (String[] line : lines) {
            h.append(line[0]).append(": ").append(line[1]).append("\r\n");
        }
        if (b != null) {
            h.append("Content-Length: ").append(b.length).append("\r\n");
        }
        if (expectContinue) {
            h.append("Expect: 100-continue\r\n");
        }
        if (c.viaProxy && client.settings().proxyAuthorization() != null) {
            h.append("Proxy-Authorization: ").append(client.settings().proxyAuthorization()).append("\r\n");
        }
        // What Apache HttpClient writes for the SDK's Jersey provider (to a proxy: Proxy-Connection).
        h.append(c.viaProxy ? "Proxy-Connection: Keep-Alive\r\n\r\n" : "Connection: Keep-Alive\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * What goes out after the headers, or null for no body. A stream short enough to go out with
     * the headers ({@link BodyMode}) is read here; a longer one is streamed, never held whole. A
     * stream of unknown length is read whole, as the SDK's Jersey provider buffers it, so that it
     * goes out with its {@code Content-Length} (which Object Storage requires of PutObject).
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
        if (length < 0) {
            try (InputStream in = new LimitedInputStream(source, Long.MAX_VALUE, copy)) {
                return Body.of(in.readAllBytes());
            }
        }
        if (length <= BodyMode.WITH_HEADERS_MAX) {
            try (InputStream in = new LimitedInputStream(source, length, copy)) {
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    throw new IllegalArgumentException("the body ended after " + bytes.length + " of " + length + " bytes");
                }
                return Body.of(bytes);
            }
        }
        return new Body(null, new LimitedInputStream(source, length, copy), length);
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

    /** A body held whole ({@code bytes}) or a stream of {@code length} bytes. */
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
                if (sent < length) {
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
