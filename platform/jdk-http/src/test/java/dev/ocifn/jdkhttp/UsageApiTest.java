package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.usageapi.UsageapiClient;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import com.oracle.bmc.usageapi.requests.RequestSummarizedUsagesRequest;
import com.oracle.bmc.usageapi.responses.RequestSummarizedUsagesResponse;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The Usage API's POST with a JSON model body and paging, signed, over jdk-http. */
public class UsageApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private FakeOciServer oci;
    private UsageapiClient client;

    @Before
    public void start() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
        client = Clients.build(UsageapiClient.builder(), principal, oci.endpoint());
    }

    @After
    public void stop() {
        client.close();
        oci.close();
    }

    private RequestSummarizedUsagesRequest request(String page) {
        RequestSummarizedUsagesDetails details = RequestSummarizedUsagesDetails.builder()
                .tenantId(principal.tenancyId())
                .timeUsageStarted(Date.from(Instant.parse("2024-05-01T00:00:00Z")))
                .timeUsageEnded(Date.from(Instant.parse("2024-05-03T00:00:00Z")))
                .granularity(RequestSummarizedUsagesDetails.Granularity.Daily)
                .queryType(RequestSummarizedUsagesDetails.QueryType.Cost)
                .groupBy(List.of("service"))
                .compartmentDepth(null)
                .build();
        return RequestSummarizedUsagesRequest.builder().requestSummarizedUsagesDetails(details)
                .page(page).limit(2).build();
    }

    @Test
    public void postsTheModelAsJsonAndReadsTheAnswerWithItsPagingHeaders() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"groupBy\":[\"service\"],\"items\":[{\"service\":\"COMPUTE\","
                        + "\"timeUsageStarted\":\"2024-05-01T00:00:00.000Z\",\"computedAmount\":12.5,\"currency\":\"USD\","
                        + "\"somethingNew\":{\"a\":1}}]}")
                .header("opc-request-id", "REQ-1").header("opc-next-page", "page-2"));

        RequestSummarizedUsagesResponse response = client.requestSummarizedUsages(request("page/1 +&="));

        assertEquals(200, response.get__httpStatusCode__());
        assertEquals("REQ-1", response.getOpcRequestId());
        assertEquals("page-2", response.getOpcNextPage());
        assertEquals("COMPUTE", response.getUsageAggregation().getItems().get(0).getService());
        assertEquals(new java.math.BigDecimal("12.5"), response.getUsageAggregation().getItems().get(0).getComputedAmount());
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"),
                response.getUsageAggregation().getItems().get(0).getTimeUsageStarted().toInstant());

        RecordedRequest sent = oci.onlyRequest();
        assertEquals("POST", sent.method());
        assertEquals("/20200107/usage", sent.rawPath());
        // The query as the SDK encoded it, byte for byte: the signature covers it.
        assertEquals("page/1 +&=", sent.query("page").orElse(""));
        assertTrue(sent.rawQuery(), sent.rawQuery().contains("page=page%2F1%20%2B%26%3D"));
        assertEquals("2", sent.query("limit").orElse(""));
        assertEquals("application/json", sent.header("content-type").orElse(""));
        assertTrue(sent.header("opc-request-id").isPresent());
        JsonNode body = JSON.readTree(sent.body());
        assertEquals(principal.tenancyId(), body.get("tenantId").asText());
        assertEquals("2024-05-01T00:00:00.000Z", body.get("timeUsageStarted").asText());
        assertEquals("DAILY", body.get("granularity").asText());
        assertEquals("COST", body.get("queryType").asText());
        // Set to null on purpose: sent as null. Never set: not sent at all.
        assertTrue(body.has("compartmentDepth"));
        assertTrue(body.get("compartmentDepth").isNull());
        assertFalse(body.has("filter"));
        assertFalse(body.has("__explicitlySet__"));
        assertTrue(oci.rejections().isEmpty());
    }

    @Test
    public void secondPageFollowsTheFirstOnTheSameClient() {
        oci.enqueue(StubResponse.json(200, "{\"items\":[]}").header("opc-next-page", "p2"));
        oci.enqueue(StubResponse.json(200, "{\"items\":[]}"));
        String next = client.requestSummarizedUsages(request(null)).getOpcNextPage();
        assertNull(client.requestSummarizedUsages(request(next)).getOpcNextPage());
        assertEquals(2, oci.requests().size());
        assertFalse(oci.requests().get(0).query("page").isPresent());
        assertEquals("p2", oci.requests().get(1).query("page").orElse(""));
    }

    @Test
    public void serviceErrorCarriesStatusCodeMessageAndRequestId() {
        oci.enqueue(StubResponse.error(400, "InvalidParameter", "granularity TOTAL is not supported")
                .header("opc-request-id", "ERR-400"));
        try {
            client.requestSummarizedUsages(request(null));
            fail("expected a BmcException");
        } catch (BmcException e) {
            assertEquals(400, e.getStatusCode());
            assertEquals("InvalidParameter", e.getServiceCode());
            assertEquals("granularity TOTAL is not supported", e.getUnmodifiedMessage());
            assertEquals("ERR-400", e.getOpcRequestId());
            assertFalse(e.isClientSide());
        }
    }

    @Test
    public void throttlingIs429WithOcisRequestId() {
        oci.enqueue(StubResponse.error(429, "TooManyRequests", "Tenant rate limit exceeded")
                .header("opc-request-id", "ERR-429").header("retry-after", "3"));
        try {
            client.requestSummarizedUsages(request(null));
            fail("expected a BmcException");
        } catch (BmcException e) {
            assertEquals(429, e.getStatusCode());
            assertEquals("TooManyRequests", e.getServiceCode());
            assertEquals("ERR-429", e.getOpcRequestId());
        }
    }

    @Test
    public void errorWithoutJsonBodyStillBecomesABmcExceptionWithTheText() {
        oci.enqueue(StubResponse.bytes(502, "text/html", "<html>bad gateway</html>".getBytes())
                .header("opc-request-id", "ERR-502"));
        try {
            client.requestSummarizedUsages(request(null));
            fail("expected a BmcException");
        } catch (BmcException e) {
            assertEquals(502, e.getStatusCode());
            assertEquals("ERR-502", e.getOpcRequestId());
            assertTrue(e.getMessage(), e.getMessage().contains("<html>bad gateway</html>"));
        }
    }

    @Test
    public void jsonErrorWithEmptyBodyGetsTheSdksDefaultMessage() {
        oci.enqueue(StubResponse.json(404, ""));
        try {
            client.requestSummarizedUsages(request(null));
            fail("expected a BmcException");
        } catch (BmcException e) {
            assertEquals(404, e.getStatusCode());
            assertFalse(e.isClientSide());
        }
    }

    @Test
    public void unsignedRequestsWouldBeRefused() {
        // The server checks every signature; a client with another principal's key is turned away.
        ResourcePrincipalFixture stranger = ResourcePrincipalFixture.create();
        try (UsageapiClient other = Clients.build(UsageapiClient.builder(), stranger, oci.endpoint())) {
            other.requestSummarizedUsages(request(null));
            fail("expected 401");
        } catch (BmcException e) {
            assertEquals(401, e.getStatusCode());
            assertEquals("NotAuthenticated", e.getServiceCode());
        }
        assertTrue(oci.requests().isEmpty());
        // The SDK refreshes a resource principal's token once on a 401 and tries again.
        assertFalse(oci.rejections().isEmpty());
    }
}
