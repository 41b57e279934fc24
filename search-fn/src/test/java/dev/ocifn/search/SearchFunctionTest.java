package dev.ocifn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnResult;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.FunctionContractTest;
import dev.ocifn.testkit.FunctionSpec;
import dev.ocifn.testkit.GatewayCall;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** search-fn's own behaviour; the shared edge (errors, auth, limits, logs) is the inherited contract. */
public class SearchFunctionTest extends FunctionContractTest {
    static final String URL = "/oracleapi/search";
    static final String ADB_QUERY = "query autonomousdatabase resources where lifecycleState = 'AVAILABLE'";
    static final String STRUCTURED = "{\"type\":\"Structured\",\"query\":\"" + ADB_QUERY + "\"}";
    static final String FREE_TEXT = "{\"type\":\"FreeText\",\"text\":\"sales\"}";
    private static final String OTHER_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaothertenancy42";
    /** The contract's call: a query, a page token and the next one (OCI's answer) that the log must not show. */
    private static final String SECRET_QUERY = "query all resources where displayName = 'payroll-secret-7'";
    private static final String SECRET_PAGE = "page-token-secret-8";
    private static final String SECRET_NEXT_PAGE = "next-token-secret-9";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SearchFunctionTest() {
        super(FunctionSpec.of(SearchFunction.class, "search-fn")
                .call(GatewayCall.json("POST", URL + "?page=" + SECRET_PAGE,
                        "{\"type\":\"Structured\",\"query\":\"" + SECRET_QUERY + "\"}"))
                .answer(() -> page("salesdb", SECRET_NEXT_PAGE))
                .client("ResourceSearchClient")
                .allows("POST")
                .neverLogs("payroll-secret-7", "secret-8", "secret-9"));
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
        return call(GatewayCall.json("POST", url, body));
    }

    private FnResult invoke(String body) {
        fn.givenEvent().withBody(body).enqueue(); // fn invoke: no gateway headers, no query string
        return runOne();
    }

    @Test
    public void structuredSearchThroughTheGateway() throws Exception {
        oci.enqueue(page("salesdb", null));
        FnResult r = callGateway(URL, STRUCTURED);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("application/json", r.getContentType().orElse(""));
        JsonNode answer = json(r);
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
    }

    @Test
    public void freeTextSearchForPlainFnInvoke() throws Exception {
        oci.enqueue(page("salesdb", null));
        FnResult r = invoke(FREE_TEXT);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("salesdb", json(r).get("items").get(0).get("displayName").asText());
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
        JsonNode highlights = json(r).get("items").get(0).get("searchContext").get("highlights");
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
        assertEquals("token-3", json(r).get("nextPage").asText());
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
        assertEquals("token-3", json(r).get("nextPage").asText());
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
        assertEquals(1, json(r).get("items").size());
        assertEquals("token-2", json(r).get("nextPage").asText());
        assertEquals(1, oci.requests().size());
        assertEquals(1, oci.pending().size());
    }

    @Test
    public void walksAllPagesByFeedingNextPageBack() throws Exception {
        oci.enqueue(page("first", "token-2")).enqueue(page("second", null));
        FnGateway.json(fn, "POST", URL + "?limit=1", STRUCTURED).enqueue();
        FnGateway.json(fn, "POST", URL + "?limit=1&page=token-2", STRUCTURED).enqueue();
        List<FnResult> results = runAll();

        assertEquals("token-2", json(results.get(0)).get("nextPage").asText());
        JsonNode last = json(results.get(1));
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
        assertEquals(0, json(r).get("items").size());
    }

    @Test
    public void pageLargerThanFnCanAnswerIs502AskingForASmallerLimit() throws Exception {
        String big = "x".repeat(7 * 1024 * 1024);
        oci.enqueue(StubResponse.json(200, "{\"items\":[{\"resourceType\":\"Bucket\",\"displayName\":\"" + big + "\"}]}")
                .header("opc-request-id", "OPC-BIG"));
        FnResult r = callGateway(URL + "?limit=1000", STRUCTURED);
        assertEquals(502, FnGateway.status(r));
        JsonNode error = json(r);
        assertEquals("ResponseTooLarge", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("limit"));
        assertEquals("OPC-BIG", error.get("opcRequestId").asText());
    }

    @Test
    public void formEncodedBodyIs415() throws Exception {
        FnGateway.request(fn, "POST", URL)
                .withHeader("Fn-Http-H-Content-Type", "application/x-www-form-urlencoded")
                .withBody(STRUCTURED).enqueue();
        FnResult r = runOne();
        assertEquals(415, FnGateway.status(r));
        assertEquals("UnsupportedMediaType", json(r).get("code").asText());
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void jsonWithCharsetAndMissingContentTypeAreAccepted() throws Exception {
        oci.enqueue(page("a", null)).enqueue(page("b", null));
        FnGateway.request(fn, "POST", URL)
                .withHeader("Fn-Http-H-Content-Type", "application/json; charset=utf-8").withBody(STRUCTURED).enqueue();
        FnGateway.request(fn, "POST", URL).withBody(STRUCTURED).enqueue();
        List<FnResult> results = runAll();
        assertEquals(200, FnGateway.status(results.get(0)));
        assertEquals(200, FnGateway.status(results.get(1)));
    }
}
