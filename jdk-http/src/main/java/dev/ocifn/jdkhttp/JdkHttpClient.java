package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One SDK service client's HTTP client: its endpoint, its interceptors (the request signer among
 * them) and how each request's {@link HttpURLConnection} is opened. The JDK keeps idle connections
 * per host and port and reuses them, so a warm function sends on an open connection.
 * <p>
 * Why {@code HttpURLConnection} and not {@code java.net.http}: in a fresh JVM the first request
 * over {@code java.net.http} costs about ten times as much (its client, its selector thread, its
 * asynchronous pipeline: ~75 ms against ~8 ms here, TLS context already made), and every warm call
 * hands its answer across threads. A function's calls are blocking calls anyway. See BENCHMARKS.md.
 */
final class JdkHttpClient implements HttpClient {
    /** What each connection is opened with. Null means the JDK's default. */
    record Settings(Duration connectTimeout, Duration readTimeout, SSLContext sslContext, Proxy proxy,
                    Authenticator authenticator, HostnameVerifier hostnameVerifier) {
        long readTimeoutMillis() {
            return readTimeout == null ? 0 : readTimeout.toMillis();
        }

        long connectTimeoutMillis() {
            return connectTimeout == null ? 0 : connectTimeout.toMillis();
        }
    }

    private final TargetUri base;
    private final List<RequestInterceptor> interceptors;
    private final Settings settings;
    private final SSLSocketFactory socketFactory;
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

    /** A connection for one request, not yet connected. */
    HttpURLConnection open(URI uri) throws IOException {
        if (closed) {
            throw new IllegalStateException("HTTP client closed");
        }
        HttpURLConnection c = (HttpURLConnection) (settings.proxy() == null
                ? uri.toURL().openConnection() : uri.toURL().openConnection(settings.proxy()));
        // A redirect would carry a signed request somewhere else; the SDK never follows them either.
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()));
        // Bounds every wait for bytes: the status line, the headers and each read of the body.
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeoutMillis()));
        if (settings.authenticator() != null) {
            c.setAuthenticator(settings.authenticator());
        }
        if (c instanceof HttpsURLConnection) {
            HttpsURLConnection tls = (HttpsURLConnection) c;
            if (socketFactory != null) {
                tls.setSSLSocketFactory(socketFactory);
            }
            if (settings.hostnameVerifier() != null) {
                tls.setHostnameVerifier(settings.hostnameVerifier());
            }
        }
        return c;
    }

    /** Requests already sent finish; new ones are refused. The JDK closes idle connections itself. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isProcessingException(Exception e) {
        return e instanceof TransportException;
    }
}
