package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.ClientProperty;
import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.ProxyConfiguration;
import com.oracle.bmc.http.client.StandardClientProperties;
import org.junit.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;

import static org.junit.Assert.assertEquals;
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
        assertEquals(Duration.ofMillis(1500), client.jdkClient().connectTimeout().orElseThrow());
    }

    @Test
    public void refusesAHostnameVerifier() {
        try {
            builder().property(StandardClientProperties.HOSTNAME_VERIFIER, (host, session) -> true);
            fail("accepted a hostname verifier it cannot apply");
        } catch (IllegalArgumentException expected) {
            // java.net.http has none
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
            // java.net.http speaks to HTTP proxies only
        }
    }
}
