package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.http.client.Serializer;

/**
 * The OCI SDK's HTTP provider on the JDK's own sockets (HTTP/1.1, see {@link Http1Connection}). Found by the SDK through
 * {@code META-INF/services/com.oracle.bmc.http.client.HttpProvider} when it is the only provider on
 * the class path (the SDK takes the first one the ServiceLoader finds), or passed to a client
 * builder explicitly with {@code httpProvider(JdkHttpProvider.instance())}.
 */
public final class JdkHttpProvider implements HttpProvider {
    private static final JdkHttpProvider INSTANCE = new JdkHttpProvider();

    /** For the ServiceLoader; {@link #instance()} otherwise. */
    public JdkHttpProvider() {
    }

    public static JdkHttpProvider instance() {
        return INSTANCE;
    }

    @Override
    public HttpClientBuilder newBuilder() {
        return new JdkHttpClientBuilder();
    }

    @Override
    public Serializer getSerializer() {
        return JdkHttpSerializer.INSTANCE;
    }
}
