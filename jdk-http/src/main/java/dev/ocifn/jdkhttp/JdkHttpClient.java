package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;

import javax.net.ssl.SSLContext;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.List;

/**
 * One SDK service client's HTTP client: its endpoint, its interceptors (the request signer among
 * them) and one {@code java.net.http.HttpClient}. That JDK client is made on the first request,
 * because the SDK builds a client and immediately replaces it when a client gets both a region
 * and an endpoint; the discarded one then never costs a selector thread or a TLS context.
 */
final class JdkHttpClient implements HttpClient {
    /** What the JDK client is built from. Null means the JDK's default. */
    record Settings(Duration connectTimeout, Duration readTimeout, SSLContext sslContext, ProxySelector proxy,
                    Authenticator authenticator) {
        long readTimeoutMillis() {
            return readTimeout == null ? 0 : readTimeout.toMillis();
        }
    }

    private final TargetUri base;
    private final List<RequestInterceptor> interceptors;
    private final Settings settings;
    private java.net.http.HttpClient jdkClient;
    private boolean closed;

    JdkHttpClient(TargetUri base, List<RequestInterceptor> interceptors, Settings settings) {
        this.base = base;
        this.interceptors = interceptors;
        this.settings = settings;
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

    synchronized java.net.http.HttpClient jdkClient() {
        if (closed) {
            throw new IllegalStateException("HTTP client closed");
        }
        if (jdkClient == null) {
            java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                    // HTTP/1.1 as the SDK's Jersey client speaks: no h2c upgrade headers on http
                    // endpoints, and the host header the signer signed is the one on the wire.
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    // A redirect would carry a signed request somewhere else; the SDK never follows them either.
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                    // The client's own tasks run where they arise (its selector thread, or the
                    // caller's in send) instead of hopping to a pool thread each: none of them
                    // blocks (BodyStream only queues what arrives; a sync call's caller is already
                    // waiting in send).
                    .executor(Runnable::run);
            if (settings.connectTimeout() != null && !settings.connectTimeout().isZero()) {
                b.connectTimeout(settings.connectTimeout());
            }
            if (settings.sslContext() != null) {
                b.sslContext(settings.sslContext());
            }
            if (settings.proxy() != null) {
                b.proxy(settings.proxy());
            }
            if (settings.authenticator() != null) {
                b.authenticator(settings.authenticator());
            }
            jdkClient = b.build();
        }
        return jdkClient;
    }

    /**
     * The JDK 17 client has no close; dropping it lets its selector thread end once it is
     * unreachable. Responses already streaming keep working.
     */
    @Override
    public synchronized void close() {
        closed = true;
        jdkClient = null;
    }

    @Override
    public boolean isProcessingException(Exception e) {
        return e instanceof TransportException;
    }
}
