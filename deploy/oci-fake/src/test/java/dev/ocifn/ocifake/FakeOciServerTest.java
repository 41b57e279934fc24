package dev.ocifn.ocifake;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The server against requests signed by the real OCI SDK signer. */
public class FakeOciServerTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private final ApiKeyFixture apiKey = new ApiKeyFixture();
    private final FakeOciServer server = FakeOciServer.start(new TrustStore().trust(principal).trust(apiKey));
    private final HttpClient http = HttpClient.newHttpClient();

    @After
    public void stop() {
        server.close();
    }

    @Test
    public void resourcePrincipalPostIsVerifiedAndRecorded() throws Exception {
        server.enqueue(StubResponse.json(200, "{\"ok\":true}").header("opc-request-id", "REQ1"));
        HttpResponse<String> r = send(provider(principal.config()), "POST", "/20200107/usage?limit=5", "{\"a\":1}");
        assertEquals(200, r.statusCode());
        assertEquals("REQ1", r.headers().firstValue("opc-request-id").orElse(""));
        RecordedRequest seen = server.onlyRequest();
        assertEquals("{\"a\":1}", seen.bodyAsString());
        assertEquals("5", seen.query("limit").orElse(""));
        assertEquals(principal.tenancyId(), seen.principal().tenancyId());
        assertTrue(seen.principal().isResourcePrincipal());
    }

    @Test
    public void resourcePrincipalFromFilesSignsToo() throws Exception {
        server.enqueue(StubResponse.empty(204));
        HttpResponse<String> r = send(provider(principal.configAsFiles(dir.getRoot().toPath())), "DELETE", "/n/ns/b/b/o/x", null);
        assertEquals(204, r.statusCode());
    }

    @Test
    public void apiKeyProfileIsVerified() throws Exception {
        String config = apiKey.writeConfig(dir.getRoot().toPath(), "LOCAL").toString();
        server.enqueue(StubResponse.json(200, "{}"));
        HttpResponse<String> r = send(new ConfigFileAuthenticationDetailsProvider(config, "LOCAL"), "GET", "/n/", null);
        assertEquals(200, r.statusCode());
        assertEquals(apiKey.tenancyId(), server.onlyRequest().principal().tenancyId());
    }

    @Test
    public void expiredSessionTokenIsRefused() throws Exception {
        HttpResponse<String> r = send(provider(principal.expired().config()), "GET", "/n/", null);
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("NotAuthenticated"));
        assertEquals(List.of("GET /n/: session token expired"), server.rejections());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    public void tokenFromAnotherIssuerIsRefused() throws Exception {
        HttpResponse<String> r = send(provider(ResourcePrincipalFixture.create().config()), "GET", "/n/", null);
        assertEquals(401, r.statusCode());
        assertTrue(server.rejections().get(0).contains("not signed by a trusted issuer"));
    }

    @Test
    public void unsignedRequestIsRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/n/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("opc-request-id").isPresent());
    }

    @Test
    public void bodyChangedAfterSigningIsRefused() throws Exception {
        RequestSigner signer = DefaultRequestSigner.createRequestSigner(provider(principal.config()));
        URI uri = URI.create(server.endpoint() + "/20180409/resources");
        byte[] body = "{\"type\":\"FreeText\",\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-type", List.of("application/json"));
        Map<String, String> signed = signer.signRequest(uri, "POST", headers, new String(body, StandardCharsets.UTF_8));
        byte[] other = "{\"type\":\"FreeText\",\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(other));
        signed.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                b.header(k, v);
            }
        });
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals(List.of("POST /20180409/resources: x-content-sha256 does not match the body"), server.rejections());
    }

    @Test
    public void routesAnswerAndUnknownPathsAre404() throws Exception {
        server.on("GET", "/n/", req -> StubResponse.json(200, "\"testns\""));
        BasicAuthenticationDetailsProvider p = provider(principal.config());
        assertEquals("\"testns\"", send(p, "GET", "/n/", null).body());
        HttpResponse<String> missing = send(p, "GET", "/elsewhere", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("NotAuthorizedOrNotFound"));
    }

    private static ResourcePrincipalAuthenticationDetailsProvider provider(Map<String, String> c) {
        return ResourcePrincipalAuthenticationDetailsProvider.ResourcePrincipalAuthenticationDetailsProviderBuilder.build_2_2(
                c.get("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"), null, c.get("OCI_RESOURCE_PRINCIPAL_RPST"),
                c.get("OCI_RESOURCE_PRINCIPAL_REGION"), "test");
    }

    /** Signs with the SDK's own signer, then sends over java.net.http. */
    private HttpResponse<String> send(BasicAuthenticationDetailsProvider provider, String method, String pathAndQuery,
                                      String json) throws Exception {
        URI uri = URI.create(server.endpoint() + pathAndQuery);
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>();
        if (json != null) {
            headers.put("content-type", List.of("application/json"));
        }
        Map<String, String> signed = DefaultRequestSigner.createRequestSigner(provider)
                .signRequest(uri, method, headers, json);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                b.header(k, v);
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
