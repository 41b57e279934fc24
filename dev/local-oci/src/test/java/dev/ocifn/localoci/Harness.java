package dev.ocifn.localoci;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.common.ClientBuilderBase;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.TrustStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * A LocalOci with a resource principal it trusts, and the two ways the functions call it: real
 * SDK clients, and requests signed with the SDK's signer and sent over java.net.http.
 */
public final class Harness implements AutoCloseable {
    /** The shipped data set, in the module folder where the tests run. */
    public static final Path SHIPPED_DATA = Path.of("data");

    public final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    public final ResourcePrincipalAuthenticationDetailsProvider provider = provider(principal);
    public final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> clients = new ArrayList<>();
    public LocalOci local;

    public Harness(Path dataSetDir, Path storeDir) {
        local = LocalOci.start(new TrustStore().trust(principal), dataSetDir, storeDir);
    }

    /** Closes this LocalOci and starts another on the same folders, as a restart would. */
    public void restart() {
        local.close();
        local = LocalOci.start(new TrustStore().trust(principal), local.dataSetDir(), local.storeDir());
    }

    static ResourcePrincipalAuthenticationDetailsProvider provider(ResourcePrincipalFixture principal) {
        Map<String, String> c = principal.config();
        return ResourcePrincipalAuthenticationDetailsProvider.ResourcePrincipalAuthenticationDetailsProviderBuilder.build_2_2(
                c.get("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"), null, c.get("OCI_RESOURCE_PRINCIPAL_RPST"),
                c.get("OCI_RESOURCE_PRINCIPAL_REGION"), "test");
    }

    /** A real SDK client for this endpoint, configured as the functions configure theirs. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public <C extends AutoCloseable> C client(ClientBuilderBase<?, C> builder) {
        ClientConfiguration configuration = ClientConfiguration.builder()
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        ClientBuilderBase b = builder.configuration(configuration);
        b.endpoint(local.endpoint());
        C client = (C) b.build(provider);
        clients.add(client);
        return client;
    }

    /** Signs with the SDK's signer (body included for POST and PUT) and sends with java.net.http. */
    public HttpResponse<byte[]> signed(String method, String pathAndQuery, String contentType, byte[] body) throws Exception {
        URI uri = URI.create(local.endpoint() + pathAndQuery);
        Map<String, List<String>> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", List.of(contentType));
        }
        Map<String, String> signature = DefaultRequestSigner.createRequestSigner(provider).signRequest(uri, method, headers,
                body == null ? null : new String(body, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signature.forEach((k, v) -> {
            // java.net.http sets these itself, to the same values
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                request.header(k, v);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> postJson(String path, String json) throws Exception {
        return signed("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Replies.JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        local.close();
    }

    /** Runs an SDK call that must fail with this status, OCI error code and message part, and an opc-request-id. */
    public static void refused(int status, String code, String messagePart, Runnable call) {
        try {
            call.run();
            fail("expected " + status + " " + code);
        } catch (BmcException e) {
            assertEquals(e.getMessage(), status, e.getStatusCode());
            assertEquals(e.getMessage(), code, e.getServiceCode());
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
            assertNotNull(e.getOpcRequestId());
        }
    }
}
