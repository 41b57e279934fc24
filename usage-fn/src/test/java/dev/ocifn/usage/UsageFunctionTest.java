package dev.ocifn.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.ApiKeyFixture;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.OciTestServer;
import dev.ocifn.testkit.RecordedRequest;
import dev.ocifn.testkit.ResourcePrincipalFixture;
import dev.ocifn.testkit.StubResponse;
import dev.ocifn.testkit.TrustStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class UsageFunctionTest {
    private static final String URL = "/usage/request-summarized-usages";
    private static final String DAILY = "{\"timeUsageStarted\":\"2024-05-01T00:00:00Z\","
            + "\"timeUsageEnded\":\"2024-05-03T00:00:00Z\",\"granularity\":\"DAILY\",\"queryType\":\"COST\","
            + "\"groupBy\":[\"service\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();
    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private final ApiKeyFixture apiKey = new ApiKeyFixture();
    private OciTestServer oci;

    @Before
    public void start() {
        oci = OciTestServer.start(new TrustStore().trust(principal).trust(apiKey));
        principal.config().forEach(fn::setConfig);
        fn.setConfig("OCI_ENDPOINT", oci.endpoint());
    }

    @After
    public void stop() {
        oci.close();
    }

    private static StubResponse page(String service, String next) {
        StubResponse r = StubResponse.json(200, "{\"groupBy\":[\"service\"],\"items\":[{\"service\":\"" + service
                + "\",\"timeUsageStarted\":\"2024-05-01T00:00:00.000Z\",\"timeUsageEnded\":\"2024-05-02T00:00:00.000Z\","
                + "\"computedAmount\":12.5,\"currency\":\"USD\"}]}").header("opc-request-id", "OPC-" + service);
        return next == null ? r : r.header("opc-next-page", next);
    }

    private FnResult callGateway(String url, String body) {
        FnGateway.json(fn, "POST", url, body).enqueue();
        fn.thenRun(UsageFunction.class, "handleRequest");
        return fn.getOnlyResult();
    }

    private static JsonNode body(FnResult r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    @Test
    public void summarizesThroughTheGateway() throws Exception {
        oci.enqueue(page("COMPUTE", null));
        FnResult r = callGateway(URL, DAILY);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        JsonNode answer = body(r);
        assertEquals("service", answer.get("groupBy").get(0).asText());
        assertEquals("COMPUTE", answer.get("items").get(0).get("service").asText());
        assertEquals(12.5, answer.get("items").get(0).get("computedAmount").asDouble(), 0);
        assertFalse(answer.has("nextPage"));
        assertEquals("OPC-COMPUTE", FnGateway.header(r, "opc-request-id").orElse(""));
        assertEquals("application/json", r.getContentType().orElse(""));

        RecordedRequest sent = oci.onlyRequest();
        assertEquals("POST", sent.method());
        assertEquals("/20200107/usage", sent.rawPath());
        JsonNode details = JSON.readTree(sent.body());
        assertEquals(principal.tenancyId(), details.get("tenantId").asText());
        assertEquals("DAILY", details.get("granularity").asText());
        assertEquals("COST", details.get("queryType").asText());
        assertTrue(details.get("timeUsageStarted").asText().startsWith("2024-05-01T00:00:00"));
    }

    @Test
    public void summarizesForPlainFnInvoke() throws Exception {
        oci.enqueue(page("COMPUTE", null));
        fn.givenEvent().withBody(DAILY).enqueue(); // fn invoke: no gateway headers, no content type
        fn.thenRun(UsageFunction.class, "handleRequest");
        FnResult r = fn.getOnlyResult();
        assertEquals(200, FnGateway.status(r));
        assertEquals("COMPUTE", body(r).get("items").get(0).get("service").asText());
    }

    @Test
    public void tenantIdFromTheBodyIsKept() throws Exception {
        oci.enqueue(page("COMPUTE", null));
        String other = "ocid1.tenancy.oc1..othertenancy";
        callGateway(URL, DAILY.replace("{", "{\"tenantId\":\"" + other + "\","));
        assertEquals(other, JSON.readTree(oci.onlyRequest().body()).get("tenantId").asText());
    }

    @Test
    public void resourcePrincipalFilesWorkLikeOciFunctionsGivesThem() throws Exception {
        principal.configAsFiles(dir.getRoot().toPath()).forEach(fn::setConfig);
        oci.enqueue(page("COMPUTE", null));
        assertEquals(200, FnGateway.status(callGateway(URL, DAILY)));
        assertTrue(oci.onlyRequest().principal().isResourcePrincipal());
    }

    @Test
    public void apiKeyProfileSignsWithTenancyUserFingerprint() throws Exception {
        FnTestingRule local = fn;
        for (String k : principal.config().keySet()) {
            local.setConfig(k, "");
        }
        local.setConfig("OCI_CONFIG_FILE", apiKey.writeConfig(dir.getRoot().toPath(), "LOCAL").toString());
        local.setConfig("OCI_PROFILE", "LOCAL");
        oci.enqueue(page("COMPUTE", null));
        FnResult r = callGateway(URL, DAILY);
        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        RecordedRequest sent = oci.onlyRequest();
        assertEquals(apiKey.keyId(), sent.principal().keyId());
        assertEquals(apiKey.tenancyId(), JSON.readTree(sent.body()).get("tenantId").asText());
    }

    @Test
    public void withoutCredentialsEveryCallAnswers500NamingTheSettings() throws Exception {
        for (String k : principal.config().keySet()) {
            fn.setConfig(k, "");
        }
        fn.setConfig("OCI_CONFIG_FILE", dir.getRoot().toPath().resolve("missing").toString());
        FnResult r = callGateway(URL, DAILY);
        assertEquals(500, FnGateway.status(r));
        JsonNode error = body(r);
        assertEquals("FunctionMisconfigured", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("OCI_RESOURCE_PRINCIPAL_RPST"));
        assertTrue(error.get("message").asText().contains("OCI_CONFIG_FILE"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void mergesThreePages() throws Exception {
        oci.enqueue(page("COMPUTE", "p2")).enqueue(page("NETWORK", "p3")).enqueue(page("STORAGE", null));
        FnResult r = callGateway(URL, DAILY);
        JsonNode items = body(r).get("items");
        assertEquals(3, items.size());
        assertEquals("STORAGE", items.get(2).get("service").asText());
        List<RecordedRequest> sent = oci.requests();
        assertEquals(3, sent.size());
        assertFalse(sent.get(0).query("page").isPresent());
        assertEquals("p2", sent.get(1).query("page").orElse(""));
        assertEquals("p3", sent.get(2).query("page").orElse(""));
        assertEquals(sent.get(0).bodyAsString(), sent.get(2).bodyAsString());
    }

    @Test
    public void pageCapStopsAndSaysWhereToGoOn() throws Exception {
        fn.setConfig("MAX_PAGES", "2");
        oci.enqueue(page("COMPUTE", "p2")).enqueue(page("NETWORK", "p3")).enqueue(page("STORAGE", null));
        FnResult r = callGateway(URL, DAILY);
        JsonNode answer = body(r);
        assertEquals(2, answer.get("items").size());
        assertTrue(answer.get("truncated").asBoolean());
        assertEquals("p3", answer.get("nextPage").asText());
        assertEquals("p3", FnGateway.header(r, "opc-next-page").orElse(""));
        assertEquals(2, oci.requests().size());
    }

    @Test
    public void callerPagesByHandWithPageAndLimit() throws Exception {
        oci.enqueue(page("NETWORK", "p3"));
        FnResult r = callGateway(URL + "?page=p2&limit=1", DAILY);
        JsonNode answer = body(r);
        assertEquals(1, answer.get("items").size());
        assertEquals("p3", answer.get("nextPage").asText());
        assertFalse(answer.has("truncated"));
        RecordedRequest sent = oci.onlyRequest();
        assertEquals("p2", sent.query("page").orElse(""));
        assertEquals("1", sent.query("limit").orElse(""));
    }

    @Test
    public void ociBadRequestPassesThroughWithOcisMessage() throws Exception {
        assertOciError(StubResponse.error(400, "InvalidParameter", "granularity TOTAL is not supported"), 400, "InvalidParameter");
        assertEquals("granularity TOTAL is not supported", body(fn.getOnlyResult()).get("message").asText());
    }

    @Test
    public void ociThrottlingPassesThrough() throws Exception {
        assertOciError(StubResponse.error(429, "TooManyRequests", "slow down"), 429, "TooManyRequests");
    }

    @Test
    public void ociServerErrorPassesThrough() throws Exception {
        assertOciError(StubResponse.error(503, "ServiceUnavailable", "try later"), 503, "ServiceUnavailable");
    }

    private void assertOciError(StubResponse stub, int status, String code) throws Exception {
        oci.enqueue(stub.header("opc-request-id", "OPC-ERR-" + status));
        FnResult r = callGateway(URL, DAILY);
        assertEquals(status, FnGateway.status(r));
        assertEquals(1, oci.requests().size()); // no SDK retries: the caller decides
        JsonNode error = body(r);
        assertEquals(code, error.get("code").asText());
        assertEquals("OPC-ERR-" + status, error.get("opcRequestId").asText());
        assertEquals("OPC-ERR-" + status, FnGateway.header(r, "opc-request-id").orElse(""));
        assertFalse(error.get("message").asText().isEmpty());
    }

    @Test
    public void ociRefusingThePrincipalIs401() throws Exception {
        principal.expired().config().forEach(fn::setConfig);
        FnResult r = callGateway(URL, DAILY);
        assertEquals(401, FnGateway.status(r));
        assertEquals("NotAuthenticated", body(r).get("code").asText());
        assertTrue(oci.rejections().get(0).contains("session token expired"));
    }

    @Test
    public void unreachableOciIs502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        fn.setConfig("OCI_ENDPOINT", "http://127.0.0.1:" + closed);
        FnResult r = callGateway(URL, DAILY);
        assertEquals(502, FnGateway.status(r));
        assertEquals("BadGateway", body(r).get("code").asText());
    }

    @Test
    public void slowOciIs504() throws Exception {
        fn.setConfig("OCI_READ_TIMEOUT_MS", "300");
        oci.enqueue(page("COMPUTE", null).delayedBy(Duration.ofMillis(1500)));
        FnResult r = callGateway(URL, DAILY);
        assertEquals(504, FnGateway.status(r));
        assertEquals("GatewayTimeout", body(r).get("code").asText());
    }

    @Test
    public void otherMethodsAre405WithAllow() throws Exception {
        FnGateway.request(fn, "GET", URL).enqueue();
        fn.thenRun(UsageFunction.class, "handleRequest");
        FnResult r = fn.getOnlyResult();
        assertEquals(405, FnGateway.status(r));
        assertEquals("POST", FnGateway.header(r, "Allow").orElse(""));
    }

    @Test
    public void oversizedBodyIs413() throws Exception {
        fn.setConfig("MAX_BODY_BYTES", "100");
        FnResult r = callGateway(URL, DAILY + " ".repeat(200));
        assertEquals(413, FnGateway.status(r));
        assertEquals("PayloadTooLarge", body(r).get("code").asText());
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void clientIsBuiltOncePerContainerAndLogsCarryNoSecrets() {
        oci.enqueue(page("A", null)).enqueue(page("B", null)).enqueue(page("C", null));
        for (int i = 0; i < 3; i++) {
            FnGateway.json(fn, "POST", URL, DAILY).enqueue();
        }
        fn.thenRun(UsageFunction.class, "handleRequest");
        assertEquals(3, fn.getResults().size());
        String log = fn.getStdErrAsString();
        assertEquals(log, 1, log.split("built UsageapiClient", -1).length - 1);
        assertTrue(log, log.contains("usage-fn POST " + URL + " 200 "));
        assertTrue(log, log.contains("opc-request-id=OPC-C"));
        assertFalse(log.contains(principal.rpst()));
        assertFalse(log.contains("PRIVATE KEY"));
        assertFalse(log.contains("timeUsageStarted"));
    }
}
