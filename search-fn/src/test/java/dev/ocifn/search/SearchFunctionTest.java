package dev.ocifn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class SearchFunctionTest {
    static final String URL = "/oracleapi/search";
    static final String ADB_QUERY = "query autonomousdatabase resources where lifecycleState = 'AVAILABLE'";
    static final String STRUCTURED = "{\"type\":\"Structured\",\"query\":\"" + ADB_QUERY + "\"}";
    static final String FREE_TEXT = "{\"type\":\"FreeText\",\"text\":\"sales\"}";
    private static final String OTHER_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaothertenancy42";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();
    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private OciTestServer oci;

    @Before
    public void start() {
        oci = OciTestServer.start(new TrustStore().trust(principal));
        principal.config().forEach(fn::setConfig);
        fn.setConfig("OCI_ENDPOINT", oci.endpoint());
    }

    @After
    public void stop() {
        oci.close();
    }

    /** One page of OCI's ResourceSummaryCollection with one autonomous database. */
    static StubResponse page(String name, String next) {
        return page(name, next, "null");
    }

    static StubResponse page(String name, String next, String searchContext) {
        StubResponse r = StubResponse.json(200, "{\"items\":[{\"resourceType\":\"AutonomousDatabase\","
                + "\"identifier\":\"ocid1.autonomousdatabase.oc1.iad." + name + "\","
                + "\"compartmentId\":\"ocid1.compartment.oc1..sales\",\"timeCreated\":\"2024-05-01T10:00:00.000Z\","
                + "\"displayName\":\"" + name + "\",\"lifecycleState\":\"AVAILABLE\","
                + "\"freeformTags\":{\"team\":\"sales\"},\"definedTags\":{},\"systemTags\":{},"
                + "\"searchContext\":" + searchContext + ",\"identityContext\":{},\"additionalDetails\":{}}]}")
                .header("opc-request-id", "OPC-" + name);
        return next == null ? r : r.header("opc-next-page", next);
    }

    private FnResult callGateway(String url, String body) {
        FnGateway.json(fn, "POST", url, body).enqueue();
        fn.thenRun(SearchFunction.class, "handleRequest");
        return fn.getOnlyResult();
    }

    private FnResult invoke(String body) {
        fn.givenEvent().withBody(body).enqueue(); // fn invoke: no gateway headers, no query string
        fn.thenRun(SearchFunction.class, "handleRequest");
        return fn.getOnlyResult();
    }

    private static JsonNode body(FnResult r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    @Test
    public void structuredSearchThroughTheGateway() throws Exception {
        oci.enqueue(page("salesdb", null));
        FnResult r = callGateway(URL, STRUCTURED);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("application/json", r.getContentType().orElse(""));
        JsonNode answer = body(r);
        JsonNode item = answer.get("items").get(0);
        assertEquals("AutonomousDatabase", item.get("resourceType").asText());
        assertEquals("ocid1.autonomousdatabase.oc1.iad.salesdb", item.get("identifier").asText());
        assertEquals("sales", item.get("freeformTags").get("team").asText());
        assertEquals("2024-05-01T10:00:00.000Z", item.get("timeCreated").asText());
        assertFalse(answer.has("nextPage"));
        assertFalse(FnGateway.header(r, "opc-next-page").isPresent());
        assertEquals("OPC-salesdb", FnGateway.header(r, "opc-request-id").orElse(""));

        RecordedRequest sent = oci.onlyRequest();
        assertEquals("POST", sent.method());
        assertEquals("/20180409/resources", sent.rawPath());
        assertNull(sent.rawQuery()); // no limit, page or tenantId unless the caller gives them
        assertEquals(JSON.readTree(STRUCTURED), JSON.readTree(sent.body()));
        assertTrue(sent.principal().isResourcePrincipal());
        assertEquals(principal.tenancyId(), sent.principal().tenancyId());
    }

    @Test
    public void freeTextSearchForPlainFnInvoke() throws Exception {
        oci.enqueue(page("salesdb", null));
        FnResult r = invoke(FREE_TEXT);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("salesdb", body(r).get("items").get(0).get("displayName").asText());
        RecordedRequest sent = oci.onlyRequest();
        assertEquals("/20180409/resources", sent.rawPath());
        assertNull(sent.rawQuery());
        assertEquals(JSON.readTree(FREE_TEXT), JSON.readTree(sent.body()));
    }

    @Test
    public void highlightsAreAskedForAndPassedBack() throws Exception {
        oci.enqueue(page("salesdb", null, "{\"highlights\":{\"displayName\":[\"<h1>sales</h1>db\"]}}"));
        String body = "{\"type\":\"FreeText\",\"text\":\"sales\",\"matchingContextType\":\"HIGHLIGHTS\"}";
        FnResult r = callGateway(URL, body);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        JsonNode highlights = body(r).get("items").get(0).get("searchContext").get("highlights");
        assertEquals("<h1>sales</h1>db", highlights.get("displayName").get(0).asText());
        assertEquals(JSON.readTree(body), JSON.readTree(oci.onlyRequest().body()));
    }

    @Test
    public void matchingContextNoneIsSentAsGiven() throws Exception {
        oci.enqueue(page("salesdb", null));
        String body = "{\"type\":\"Structured\",\"query\":\"query all resources\",\"matchingContextType\":\"NONE\"}";
        assertEquals(200, FnGateway.status(callGateway(URL, body)));
        assertEquals(JSON.readTree(body), JSON.readTree(oci.onlyRequest().body()));
    }

    @Test
    public void nullMatchingContextIsLeftOutOfTheOciCall() throws Exception {
        oci.enqueue(page("salesdb", null));
        String body = "{\"type\":\"Structured\",\"query\":\"query all resources\",\"matchingContextType\":null}";
        assertEquals(200, FnGateway.status(callGateway(URL, body)));
        assertEquals(JSON.readTree("{\"type\":\"Structured\",\"query\":\"query all resources\"}"),
                JSON.readTree(oci.onlyRequest().body()));
    }

    @Test
    public void pagesThroughTheGatewayWithQueryParameters() throws Exception {
        oci.enqueue(page("second", "token-3"));
        FnResult r = callGateway(URL + "?limit=2&page=token-2&tenantId=" + OTHER_TENANCY, STRUCTURED);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("token-3", body(r).get("nextPage").asText());
        assertEquals("token-3", FnGateway.header(r, "opc-next-page").orElse(""));
        RecordedRequest sent = oci.onlyRequest();
        assertEquals("/20180409/resources", sent.rawPath());
        assertEquals("2", sent.query("limit").orElse(""));
        assertEquals("token-2", sent.query("page").orElse(""));
        assertEquals(OTHER_TENANCY, sent.query("tenantId").orElse(""));
        assertEquals(JSON.readTree(STRUCTURED), JSON.readTree(sent.body()));
    }

    @Test
    public void pagesForFnInvokeWithBodyFields() throws Exception {
        oci.enqueue(page("second", "token-3"));
        FnResult r = invoke("{\"type\":\"FreeText\",\"text\":\"sales\",\"limit\":2,\"page\":\"token-2\","
                + "\"tenantId\":\"" + OTHER_TENANCY + "\"}");

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("token-3", body(r).get("nextPage").asText());
        assertEquals("token-3", FnGateway.header(r, "opc-next-page").orElse(""));
        RecordedRequest sent = oci.onlyRequest();
        assertEquals("2", sent.query("limit").orElse(""));
        assertEquals("token-2", sent.query("page").orElse(""));
        assertEquals(OTHER_TENANCY, sent.query("tenantId").orElse(""));
        // The paging fields go into the query; OCI's body is the SearchDetails alone.
        assertEquals(JSON.readTree(FREE_TEXT), JSON.readTree(sent.body()));
    }

    @Test
    public void pageTokenWithReservedCharactersReachesOciIntact() throws Exception {
        String token = "eyJwYWdlIjoyfQ==+/x&y";
        oci.enqueue(page("second", null));
        FnResult r = callGateway(URL + "?page=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8),
                STRUCTURED);
        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals(token, oci.onlyRequest().query("page").orElse(""));
    }

    @Test
    public void oneOciCallPerFunctionCallEvenWhenMorePagesExist() throws Exception {
        oci.enqueue(page("first", "token-2")).enqueue(page("second", null));
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(1, body(r).get("items").size());
        assertEquals("token-2", body(r).get("nextPage").asText());
        assertEquals(1, oci.requests().size());
        assertEquals(1, oci.pending().size());
    }

    @Test
    public void walksAllPagesByFeedingNextPageBack() throws Exception {
        oci.enqueue(page("first", "token-2")).enqueue(page("second", null));
        FnGateway.json(fn, "POST", URL + "?limit=1", STRUCTURED).enqueue();
        FnGateway.json(fn, "POST", URL + "?limit=1&page=token-2", STRUCTURED).enqueue();
        fn.thenRun(SearchFunction.class, "handleRequest");

        assertEquals("token-2", JSON.readTree(fn.getResults().get(0).getBodyAsString()).get("nextPage").asText());
        JsonNode last = JSON.readTree(fn.getResults().get(1).getBodyAsString());
        assertEquals("second", last.get("items").get(0).get("displayName").asText());
        assertFalse(last.has("nextPage"));
        assertFalse(oci.requests().get(0).query("page").isPresent());
        assertEquals("token-2", oci.requests().get(1).query("page").orElse(""));
    }

    @Test
    public void emptyResultIsAnEmptyItemsList() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"items\":[]}"));
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(200, FnGateway.status(r));
        assertEquals(0, body(r).get("items").size());
    }

    @Test
    public void ociSyntaxErrorPassesThroughWithOcisMessage() throws Exception {
        String message = "Query 'query all resourcez' is invalid: mismatched input 'resourcez' expecting 'resources'";
        FnResult r = assertOciError(StubResponse.error(400, "InvalidParameter", message), 400, "InvalidParameter");
        assertEquals(message, body(r).get("message").asText());
    }

    @Test
    public void ociThrottlingPassesThrough() throws Exception {
        assertOciError(StubResponse.error(429, "TooManyRequests", "Too many requests for the tenant"), 429, "TooManyRequests");
    }

    @Test
    public void ociServerErrorPassesThrough() throws Exception {
        assertOciError(StubResponse.error(503, "ServiceUnavailable", "try later"), 503, "ServiceUnavailable");
    }

    private FnResult assertOciError(StubResponse stub, int status, String code) throws Exception {
        oci.enqueue(stub.header("opc-request-id", "OPC-ERR-" + status));
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(r.getBodyAsString(), status, FnGateway.status(r));
        assertEquals(1, oci.requests().size()); // no SDK retries: the caller decides
        JsonNode error = body(r);
        assertEquals(code, error.get("code").asText());
        assertEquals("OPC-ERR-" + status, error.get("opcRequestId").asText());
        assertEquals("OPC-ERR-" + status, FnGateway.header(r, "opc-request-id").orElse(""));
        assertFalse(error.get("message").asText().isEmpty());
        return r;
    }

    @Test
    public void ociRefusingThePrincipalIs401() throws Exception {
        principal.expired().config().forEach(fn::setConfig);
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(401, FnGateway.status(r));
        assertEquals("NotAuthenticated", body(r).get("code").asText());
        assertTrue(oci.rejections().get(0).contains("session token expired"));
    }

    @Test
    public void withoutCredentialsTheAnswerIs500NamingTheSettings() throws Exception {
        for (String k : principal.config().keySet()) {
            fn.setConfig(k, "");
        }
        fn.setConfig("OCI_CONFIG_FILE", dir.getRoot().toPath().resolve("missing").toString());
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(500, FnGateway.status(r));
        assertEquals("FunctionMisconfigured", body(r).get("code").asText());
        assertTrue(body(r).get("message").asText().contains("OCI_RESOURCE_PRINCIPAL_RPST"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void unreachableOciIs502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        fn.setConfig("OCI_ENDPOINT", "http://127.0.0.1:" + closed);
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(502, FnGateway.status(r));
        assertEquals("BadGateway", body(r).get("code").asText());
    }

    @Test
    public void slowOciIs504() throws Exception {
        fn.setConfig("OCI_READ_TIMEOUT_MS", "300");
        oci.enqueue(page("salesdb", null).delayedBy(Duration.ofMillis(1500)));
        FnResult r = callGateway(URL, STRUCTURED);
        assertEquals(504, FnGateway.status(r));
        assertEquals("GatewayTimeout", body(r).get("code").asText());
    }

    @Test
    public void pageLargerThanFnCanAnswerIs502AskingForASmallerLimit() throws Exception {
        String big = "x".repeat(7 * 1024 * 1024);
        oci.enqueue(StubResponse.json(200, "{\"items\":[{\"resourceType\":\"Bucket\",\"displayName\":\"" + big + "\"}]}")
                .header("opc-request-id", "OPC-BIG"));
        FnResult r = callGateway(URL + "?limit=1000", STRUCTURED);
        assertEquals(502, FnGateway.status(r));
        JsonNode error = body(r);
        assertEquals("ResponseTooLarge", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("limit"));
        assertEquals("OPC-BIG", error.get("opcRequestId").asText());
    }

    @Test
    public void otherMethodsAre405WithAllow() throws Exception {
        FnGateway.request(fn, "GET", URL).enqueue();
        fn.thenRun(SearchFunction.class, "handleRequest");
        FnResult r = fn.getOnlyResult();
        assertEquals(405, FnGateway.status(r));
        assertEquals("POST", FnGateway.header(r, "Allow").orElse(""));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void formEncodedBodyIs415() throws Exception {
        FnGateway.request(fn, "POST", URL)
                .withHeader("Fn-Http-H-Content-Type", "application/x-www-form-urlencoded")
                .withBody(STRUCTURED).enqueue();
        fn.thenRun(SearchFunction.class, "handleRequest");
        FnResult r = fn.getOnlyResult();
        assertEquals(415, FnGateway.status(r));
        assertEquals("UnsupportedMediaType", body(r).get("code").asText());
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void jsonWithCharsetAndMissingContentTypeAreAccepted() throws Exception {
        oci.enqueue(page("a", null)).enqueue(page("b", null));
        FnGateway.request(fn, "POST", URL)
                .withHeader("Fn-Http-H-Content-Type", "application/json; charset=utf-8").withBody(STRUCTURED).enqueue();
        FnGateway.request(fn, "POST", URL).withBody(STRUCTURED).enqueue();
        fn.thenRun(SearchFunction.class, "handleRequest");
        assertEquals(200, FnGateway.status(fn.getResults().get(0)));
        assertEquals(200, FnGateway.status(fn.getResults().get(1)));
    }

    @Test
    public void oversizedBodyIs413() throws Exception {
        fn.setConfig("MAX_BODY_BYTES", "100");
        FnResult r = callGateway(URL, STRUCTURED + " ".repeat(200));
        assertEquals(413, FnGateway.status(r));
        assertEquals("PayloadTooLarge", body(r).get("code").asText());
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void clientIsBuiltOnceForSeveralCalls() {
        oci.enqueue(page("a", null)).enqueue(page("b", null)).enqueue(page("c", null));
        for (int i = 0; i < 3; i++) {
            FnGateway.json(fn, "POST", URL, STRUCTURED).enqueue();
        }
        fn.thenRun(SearchFunction.class, "handleRequest");
        assertEquals(3, fn.getResults().size());
        assertEquals(3, oci.requests().size());
        String log = fn.getStdErrAsString();
        assertEquals(log, 1, log.split("built ResourceSearchClient", -1).length - 1);
    }

    @Test
    public void logsCarryNoSecretsNorTheSearch() {
        String secretQuery = "query all resources where displayName = 'payroll-secret-7'";
        String token = "page-token-secret-8";
        oci.enqueue(page("salesdb", "next-token-secret-9"));
        FnGateway.json(fn, "POST", URL + "?page=" + token, "{\"type\":\"Structured\",\"query\":\"" + secretQuery + "\"}")
                .withHeader("Fn-Http-H-Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.caller-token-secret")
                .enqueue();
        fn.thenRun(SearchFunction.class, "handleRequest");
        assertEquals(200, FnGateway.status(fn.getOnlyResult()));

        String log = fn.getStdErrAsString();
        assertTrue(log, log.contains("search-fn POST " + URL + " 200 "));
        assertTrue(log, log.contains("opc-request-id=OPC-salesdb"));
        assertFalse(log, log.contains(principal.rpst()));
        assertFalse(log, log.contains("PRIVATE KEY"));
        assertFalse(log, log.contains("payroll-secret-7"));
        assertFalse(log, log.contains("secret-8"));
        assertFalse(log, log.contains("secret-9"));
        assertFalse(log, log.contains("caller-token-secret"));
        // The caller's bearer token is never forwarded to OCI, which gets the function's signature.
        assertTrue(oci.onlyRequest().header("authorization").orElse("").startsWith("Signature "));
    }
}
