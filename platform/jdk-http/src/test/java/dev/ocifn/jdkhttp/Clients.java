package dev.ocifn.jdkhttp;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.common.ClientBuilderBase;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import dev.ocifn.ocifake.ResourcePrincipalFixture;

import javax.net.ssl.SSLContext;
import java.util.Map;

/** Builds real SDK clients the way fn-support's OciClients does: no retries, no circuit breaker, our timeouts. */
final class Clients {
    private Clients() {
    }

    static ResourcePrincipalAuthenticationDetailsProvider principal(ResourcePrincipalFixture fixture) {
        Map<String, String> c = fixture.config();
        return ResourcePrincipalAuthenticationDetailsProvider.ResourcePrincipalAuthenticationDetailsProviderBuilder
                .build_2_2(c.get("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"), null, c.get("OCI_RESOURCE_PRINCIPAL_RPST"),
                        c.get("OCI_RESOURCE_PRINCIPAL_REGION"), "test");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static <C> C build(ClientBuilderBase<?, C> builder, ResourcePrincipalFixture fixture, String endpoint,
                       int connectMs, int readMs) {
        ClientConfiguration configuration = ClientConfiguration.builder()
                .connectionTimeoutMillis(connectMs)
                .readTimeoutMillis(readMs)
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        ClientBuilderBase b = builder.configuration(configuration);
        b.endpoint(endpoint);
        return (C) b.build(principal(fixture));
    }

    static <C> C build(ClientBuilderBase<?, C> builder, ResourcePrincipalFixture fixture, String endpoint) {
        return build(builder, fixture, endpoint, 2_000, 5_000);
    }

    /** Over TLS, trusting what {@code tls} trusts, as a caller sets it through the SDK's client configurator. */
    static <C> C build(ClientBuilderBase<?, C> builder, ResourcePrincipalFixture fixture, String endpoint, SSLContext tls) {
        builder.additionalClientConfigurator(http -> http.property(StandardClientProperties.SSL_CONTEXT, tls));
        return build(builder, fixture, endpoint);
    }

    /** The root of a cause chain, as fn-support's OciErrors looks at it. */
    static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
