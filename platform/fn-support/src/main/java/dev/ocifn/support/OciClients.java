package dev.ocifn.support;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.common.ClientBuilderBase;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import dev.ocifn.jdkhttp.JdkHttpProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Builds OCI SDK clients the same way for every function: the endpoint from {@code OCI_ENDPOINT}
 * when set (tests, local runs), else the principal's region; timeouts from the configuration;
 * no SDK retries and no circuit breaker, because the caller behind the gateway sees OCI's 429 or
 * 5xx with its {@code opc-request-id} and decides itself, within the function's time limit.
 */
public final class OciClients {
    public static final String ENDPOINT = "OCI_ENDPOINT";
    public static final String CONNECT_TIMEOUT_MS = "OCI_CONNECT_TIMEOUT_MS";
    public static final String READ_TIMEOUT_MS = "OCI_READ_TIMEOUT_MS";

    private OciClients() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static <C> C build(ClientBuilderBase<?, C> builder, OciAuth auth, Settings settings) {
        ClientConfiguration configuration = ClientConfiguration.builder()
                .connectionTimeoutMillis(settings.integer(CONNECT_TIMEOUT_MS, 10_000, 100, 300_000))
                .readTimeoutMillis(settings.integer(READ_TIMEOUT_MS, 25_000, 100, 300_000))
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        ClientBuilderBase b = builder.configuration(configuration).httpProvider(httpProvider());
        Optional<String> endpoint = endpoint(settings);
        endpoint.ifPresent(b::endpoint);
        C client = (C) b.build(auth.provider());
        // Once per container: a second line for the same client means a client is built per call.
        System.err.println("built " + client.getClass().getSimpleName() + " for "
                + endpoint.orElse("the principal's region") + " as " + auth.description());
        return client;
    }

    /**
     * jdk-http whenever it is registered, which every build of this project does; the SDK itself
     * would take whichever registered provider its ServiceLoader meets first, and the local stack's
     * class path also holds the SDK's Jersey provider. A class path without jdk-http's registration
     * gets the provider it does register (the benchmark's baseline keeps Jersey that way).
     */
    static HttpProvider httpProvider() {
        return httpProvider(OciClients.class.getClassLoader());
    }

    static HttpProvider httpProvider(ClassLoader classPath) {
        // One look at the registrations; a provider is instantiated only once chosen.
        List<ServiceLoader.Provider<HttpProvider>> registered =
                ServiceLoader.load(HttpProvider.class, classPath).stream().toList();
        return registered.stream().filter(p -> p.type() == JdkHttpProvider.class).findFirst()
                .or(() -> registered.stream().findFirst())
                .map(ServiceLoader.Provider::get)
                .orElseThrow(() -> new IllegalStateException("no OCI SDK HTTP provider is registered on the class path"));
    }

    /** {@code OCI_ENDPOINT} as {@code scheme://host[:port]}; anything else is a configuration error. */
    public static Optional<String> endpoint(Settings settings) {
        return settings.get(ENDPOINT).map(OciClients::checkedEndpoint);
    }

    static String checkedEndpoint(String raw) {
        try {
            URI uri = new URI(raw);
            boolean ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (ok) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw FnError.misconfigured(ENDPOINT + " must be scheme://host[:port] with scheme http or https");
    }
}
