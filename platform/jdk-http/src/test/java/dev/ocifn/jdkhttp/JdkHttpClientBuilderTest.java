package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.ClientProperty;
import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.ProxyConfiguration;
import com.oracle.bmc.http.client.StandardClientProperties;
import org.junit.Test;

import javax.net.ssl.HostnameVerifier;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

/** What the provider cannot honour it refuses, rather than ignoring. */
public class JdkHttpClientBuilderTest {
    private static HttpClientBuilder builder() {
        return new JdkHttpProvider().newBuilder().baseUri("https://example.com");
    }

    @Test
    public void takesTheSettingsTheSdkAlwaysSets() {
        JdkHttpClient client = (JdkHttpClient) builder()
                .property(StandardClientProperties.CONNECT_TIMEOUT, Duration.ofMillis(1500))
                .property(StandardClientProperties.READ_TIMEOUT, Duration.ofMillis(2500))
                .property(StandardClientProperties.ASYNC_POOL_SIZE, 50)
                .property(StandardClientProperties.BUFFER_REQUEST, false)
                .build();
        assertEquals(2500, client.settings().readTimeoutMillis());
        assertEquals(Duration.ofMillis(1500), client.settings().connectTimeout());
    }

    @Test
    public void keepsTheHostnameVerifier() {
        HostnameVerifier verifier = (host, session) -> false;
        JdkHttpClient client = (JdkHttpClient) builder().property(StandardClientProperties.HOSTNAME_VERIFIER, verifier).build();
        assertSame(verifier, client.settings().hostnameVerifier());
    }

    @Test
    public void proxyCredentialsBecomeABasicProxyAuthorization() {
        JdkHttpClient client = (JdkHttpClient) builder().property(StandardClientProperties.PROXY,
                new ProxyConfiguration(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128)), "user", "p\u00e4ss".toCharArray()))
                .build();
        assertEquals("Basic dXNlcjpww6Rzcw==", client.settings().proxyAuthorization());
        assertEquals(new InetSocketAddress("127.0.0.1", 3128), client.settings().proxy().address());
    }

    @Test
    public void aClosedClientOpensNothing() throws Exception {
        JdkHttpClient client = (JdkHttpClient) builder().build();
        client.close();
        try {
            client.connection(URI.create("https://example.com/x"), "GET example.com");
            fail("a closed client opened a connection");
        } catch (IllegalStateException expected) {
            // closed is closed
        }
    }

    @Test
    public void refusesAPropertyItDoesNotKnow() {
        try {
            builder().property(ClientProperty.create("jersey.config.client.something"), "x");
            fail("accepted an unknown property");
        } catch (IllegalArgumentException expected) {
            // never dropped silently
        }
    }

    @Test
    public void refusesASocksProxy() {
        try {
            builder().property(StandardClientProperties.PROXY,
                    new ProxyConfiguration(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1080)))).build();
            fail("accepted a SOCKS proxy");
        } catch (IllegalArgumentException expected) {
            // a SOCKS proxy's credentials could only come from the JVM-wide Authenticator
        }
    }
}
