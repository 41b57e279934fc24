package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One SDK service client's HTTP client: its endpoint, its interceptors (the request signer among
 * them), its settings and its pool of idle HTTP/1.1 connections, so a warm function sends on an
 * open connection.
 * <p>
 * Why connections of its own and not {@code HttpURLConnection} or {@code java.net.http}: see the
 * README. In short, {@code java.net.http} costs a cold start far more, and
 * {@code HttpURLConnection} sends a request again when its connection closes before an answer,
 * cannot hand over an answer that refuses an upload before {@code 100 Continue}, and writes
 * header values in the JVM's default charset.
 */
final class JdkHttpClient implements HttpClient {
    /** What each connection is opened with. Null means the JDK's default. */
    record Settings(Duration connectTimeout, Duration readTimeout, SSLContext sslContext, Proxy proxy,
                    String proxyAuthorization, HostnameVerifier hostnameVerifier) {
        long readTimeoutMillis() {
            return readTimeout == null ? 0 : readTimeout.toMillis();
        }

        long connectTimeoutMillis() {
            return connectTimeout == null ? 0 : connectTimeout.toMillis();
        }
    }

    /**
     * An idle connection older than this is closed rather than used: the idle timeout of the
     * SDK's Jersey provider's connection monitor (JerseyHttpClientBuilder in oracle/oci-java-sdk).
     */
    static final long MAX_IDLE_NANOS = 20_000_000_000L;

    private final TargetUri base;
    private final List<RequestInterceptor> interceptors;
    private final Settings settings;
    private final SSLSocketFactory socketFactory;
    private final ArrayDeque<Http1Connection> idle = new ArrayDeque<>();
    private volatile boolean closed;

    JdkHttpClient(TargetUri base, List<RequestInterceptor> interceptors, Settings settings) {
        this.base = base;
        this.interceptors = interceptors;
        this.settings = settings;
        this.socketFactory = settings.sslContext() == null ? null : settings.sslContext().getSocketFactory();
        if (settings.sslContext() == null) {
            DefaultTlsContext.prepareInBackground();
        }
    }

    @Override
    public HttpRequest createRequest(Method method) {
        return new JdkHttpRequest(this, method, base);
    }

    List<RequestInterceptor> interceptors() {
        return interceptors;
    }

    Settings settings() {
        return settings;
    }

    /**
     * An idle connection to the URI's origin, or a new one. One idle for more than
     * {@link Http1Connection#VALIDATE_AFTER_IDLE_NANOS} is first checked for a close by the server;
     * one idle longer than {@link #MAX_IDLE_NANOS} is closed.
     */
    Http1Connection connection(URI uri, String what) throws IOException {
        if (closed) {
            throw new IllegalStateException("HTTP client closed");
        }
        String authority = Http1Connection.authority(uri);
        while (true) {
            Http1Connection c;
            synchronized (idle) {
                c = pollIdle(authority);
            }
            if (c == null) {
                return Http1Connection.open(uri, settings, socketFactory, what);
            }
            long idleNanos = c.idleNanos();
            if (idleNanos <= MAX_IDLE_NANOS && (idleNanos < Http1Connection.VALIDATE_AFTER_IDLE_NANOS || !c.isStale())) {
                c.readTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeoutMillis()));
                return c;
            }
            c.close();
        }
    }

    /** The most recently used idle connection to {@code authority}. */
    private Http1Connection pollIdle(String authority) {
        for (var it = idle.iterator(); it.hasNext(); ) {
            Http1Connection c = it.next();
            if (c.authority.equals(authority)) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    /** Takes back a connection whose exchange ended: kept for the next request when reusable, else closed. */
    void release(Http1Connection c, boolean reusable) {
        if (reusable && !closed) {
            c.idle();
            synchronized (idle) {
                idle.addFirst(c);
            }
        } else {
            c.close();
        }
    }

    /** Requests already sent finish; new ones are refused; idle connections are closed. */
    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(Http1Connection::close);
            idle.clear();
        }
    }

    @Override
    public boolean isProcessingException(Exception e) {
        return e instanceof TransportException;
    }
}
