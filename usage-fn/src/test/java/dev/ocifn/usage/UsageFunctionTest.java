package dev.ocifn.usage;

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
import static org.junit.Assert.assertTrue;

/** usage-fn's own behaviour; the shared edge (errors, auth, limits, logs) is the inherited contract. */
public class UsageFunctionTest extends FunctionContractTest {
    private static final String URL = "/usage/request-summarized-usages";
    private static final String DAILY = "{\"timeUsageStarted\":\"2024-05-01T00:00:00Z\","
            + "\"timeUsageEnded\":\"2024-05-03T00:00:00Z\",\"granularity\":\"DAILY\",\"queryType\":\"COST\","
            + "\"groupBy\":[\"service\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    public UsageFunctionTest() {
        super(FunctionSpec.of(UsageFunction.class, "usage-fn")
                .call(GatewayCall.json("POST", URL, DAILY))
                .answer(() -> page("COMPUTE", null))
                .client("UsageapiClient")
                .allows("POST")
                .neverLogs("timeUsageStarted", "2024-05-01T00:00:00Z"));
    }

    @Override
    protected void alsoCheck(Case c, FnResult result) throws Exception {
        if (c == Case.API_KEY_PROFILE) {
            // Without a tenantId in the body, the tenancy is the signing user's.
            assertEquals(apiKey.tenancyId(), JSON.readTree(oci.onlyRequest().body()).get("tenantId").asText());
        }
    }

    private static StubResponse page(String service, String next) {
        StubResponse r = StubResponse.json(200, "{\"groupBy\":[\"service\"],\"items\":[{\"service\":\"" + service
                + "\",\"timeUsageStarted\":\"2024-05-01T00:00:00.000Z\",\"timeUsageEnded\":\"2024-05-02T00:00:00.000Z\","
                + "\"computedAmount\":12.5,\"currency\":\"USD\"}]}").header("opc-request-id", "OPC-" + service);
        return next == null ? r : r.header("opc-next-page", next);
    }

    private FnResult callGateway(String url, String body) {
        return call(GatewayCall.json("POST", url, body));
    }

    @Test
    public void summarizesThroughTheGateway() throws Exception {
        oci.enqueue(page("COMPUTE", null));
        FnResult r = callGateway(URL, DAILY);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        JsonNode answer = json(r);
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
        FnResult r = runOne();
        assertEquals(200, FnGateway.status(r));
        assertEquals("COMPUTE", json(r).get("items").get(0).get("service").asText());
    }

    @Test
    public void aMisspelledRequiredFieldIsNamedAsMisspelled() throws Exception {
        FnResult r = callGateway(URL, DAILY.replace("\"granularity\"", "\"granularty\""));
        assertEquals(400, FnGateway.status(r));
        assertEquals("{\"code\":\"InvalidParameter\",\"message\":\"granularty: unknown field; did you mean granularity?\"}",
                r.getBodyAsString());
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void tenantIdFromTheBodyIsKept() throws Exception {
        oci.enqueue(page("COMPUTE", null));
        String other = "ocid1.tenancy.oc1..othertenancy";
        callGateway(URL, DAILY.replace("{", "{\"tenantId\":\"" + other + "\","));
        assertEquals(other, JSON.readTree(oci.onlyRequest().body()).get("tenantId").asText());
    }

    @Test
    public void mergesThreePages() throws Exception {
        oci.enqueue(page("COMPUTE", "p2")).enqueue(page("NETWORK", "p3")).enqueue(page("STORAGE", null));
        FnResult r = callGateway(URL, DAILY);
        JsonNode items = json(r).get("items");
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
        JsonNode answer = json(r);
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
        JsonNode answer = json(r);
        assertEquals(1, answer.get("items").size());
        assertEquals("p3", answer.get("nextPage").asText());
        assertFalse(answer.has("truncated"));
        RecordedRequest sent = oci.onlyRequest();
        assertEquals("p2", sent.query("page").orElse(""));
        assertEquals("1", sent.query("limit").orElse(""));
    }
}
