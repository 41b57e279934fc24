package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.ClientProperty;
import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.KeyStoreWithPassword;
import com.oracle.bmc.http.client.ProxyConfiguration;
import com.oracle.bmc.http.client.RequestInterceptor;
import com.oracle.bmc.http.client.StandardClientProperties;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.Proxy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Collects what the SDK sets on a client (base URI, timeouts, TLS material, proxy, request
 * interceptors such as the request signer) and builds a {@link JdkHttpClient}. A property this
 * provider cannot honour is refused with an exception, never dropped.
 */
final class JdkHttpClientBuilder implements HttpClientBuilder {
    private record Prioritized(int priority, RequestInterceptor interceptor) {
    }

    private final List<Prioritized> interceptors = new ArrayList<>();
    private URI baseUri;
    private Duration connectTimeout;
    private Duration readTimeout;
    private SSLContext sslContext;
    private KeyStore trustStore;
    private KeyStoreWithPassword keyStore;
    private ProxyConfiguration proxy;
    private HostnameVerifier hostnameVerifier;

    @Override
    public HttpClientBuilder baseUri(URI uri) {
        this.baseUri = uri;
        return this;
    }

    @Override
    public HttpClientBuilder baseUri(String uri) {
        this.baseUri = URI.create(uri);
        return this;
    }

    @Override
    public <T> HttpClientBuilder property(ClientProperty<T> key, T value) {
        if (key == StandardClientProperties.CONNECT_TIMEOUT) {
            connectTimeout = (Duration) value;
        } else if (key == StandardClientProperties.READ_TIMEOUT) {
            readTimeout = (Duration) value;
        } else if (key == StandardClientProperties.ASYNC_POOL_SIZE || key == StandardClientProperties.BUFFER_REQUEST) {
            // Nothing to size or choose: async calls share one pool that grows on demand, JSON
            // bodies are always buffered (the signature covers them) and large streams streamed.
        } else if (key == StandardClientProperties.SSL_CONTEXT) {
            sslContext = (SSLContext) value;
        } else if (key == StandardClientProperties.TRUST_STORE) {
            trustStore = (KeyStore) value;
        } else if (key == StandardClientProperties.KEY_STORE) {
            keyStore = (KeyStoreWithPassword) value;
        } else if (key == StandardClientProperties.PROXY) {
            proxy = (ProxyConfiguration) value;
        } else if (key == StandardClientProperties.HOSTNAME_VERIFIER) {
            hostnameVerifier = (HostnameVerifier) value;
        } else {
            throw new IllegalArgumentException("HTTP client property not supported by " + JdkHttpProvider.class.getName()
                    + ": " + key);
        }
        return this;
    }

    @Override
    public HttpClientBuilder registerRequestInterceptor(int priority, RequestInterceptor interceptor) {
        interceptors.add(new Prioritized(priority, interceptor));
        return this;
    }

    @Override
    public HttpClient build() {
        if (baseUri == null) {
            throw new IllegalStateException("no base URI");
        }
        List<RequestInterceptor> ordered = interceptors.stream()
                .sorted(Comparator.comparingInt(Prioritized::priority))
                .map(Prioritized::interceptor)
                .toList();
        JdkHttpClient.Settings settings = new JdkHttpClient.Settings(connectTimeout, readTimeout, sslContext(), proxy(),
                proxyAuthorization(), hostnameVerifier);
        return new JdkHttpClient(TargetUri.base(baseUri), ordered, settings);
    }

    private SSLContext sslContext() {
        if (sslContext != null) {
            if (trustStore != null || keyStore != null) {
                throw new IllegalStateException("Cannot set a trust store or key store when an SSL context is set");
            }
            return sslContext;
        }
        if (trustStore == null && keyStore == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String password = keyStore.getPassword();
                keys.init(keyStore.getKeyStore(), password == null ? null : password.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the configured trust store or key store", e);
        }
    }

    /** HTTP proxies only: a SOCKS proxy's credentials could come only from the JVM-wide Authenticator. */
    private Proxy proxy() {
        if (proxy == null) {
            return null;
        }
        if (proxy.getProxy().type() != Proxy.Type.HTTP) {
            throw new IllegalArgumentException("only HTTP proxies are supported, not " + proxy.getProxy().type());
        }
        return proxy.getProxy();
    }

    /**
     * The proxy's credentials as a {@code Proxy-Authorization: Basic} value, sent with every
     * request to the proxy (HTTP Basic, RFC 7617, UTF-8).
     */
    private String proxyAuthorization() {
        if (proxy == null || proxy.getUsername() == null) {
            return null;
        }
        String password = proxy.getPassword() == null ? "" : new String(proxy.getPassword());
        return "Basic " + Base64.getEncoder().encodeToString((proxy.getUsername() + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
