package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.ResourceSummary;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import com.oracle.bmc.resourcesearch.responses.SearchResourcesResponse;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.time.Instant;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Resource Search: a polymorphic JSON body, query parameters, dates and tag maps in the answer. */
public class SearchApiTest {
    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private FakeOciServer oci;
    private ResourceSearchClient client;

    @Before
    public void start() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
        client = Clients.build(ResourceSearchClient.builder(), principal, oci.endpoint());
    }

    @After
    public void stop() {
        client.close();
        oci.close();
    }

    @Test
    public void structuredSearchRoundTrip() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"items\":[{\"resourceType\":\"Instance\",\"identifier\":\"ocid1.instance.oc1..a\","
                        + "\"displayName\":\"web-1\",\"timeCreated\":\"2024-05-01T10:11:12.345Z\",\"lifecycleState\":\"RUNNING\","
                        + "\"freeformTags\":{\"team\":\"blue\"},\"definedTags\":{\"ops\":{\"cost\":\"42\"}}}]}")
                .header("opc-next-page", "next-1"));

        SearchResourcesResponse response = client.searchResources(SearchResourcesRequest.builder()
                .searchDetails(StructuredSearchDetails.builder()
                        .query("query instance resources where displayName =~ 'web'").build())
                .limit(5).tenantId(principal.tenancyId()).build());

        ResourceSummary item = response.getResourceSummaryCollection().getItems().get(0);
        assertEquals("web-1", item.getDisplayName());
        assertEquals(Instant.parse("2024-05-01T10:11:12.345Z"), item.getTimeCreated().toInstant());
        assertEquals("blue", item.getFreeformTags().get("team"));
        assertEquals("42", item.getDefinedTags().get("ops").get("cost"));
        assertEquals("next-1", response.getOpcNextPage());

        RecordedRequest sent = oci.onlyRequest();
        assertEquals("/20180409/resources", sent.rawPath());
        assertEquals("5", sent.query("limit").orElse(""));
        assertEquals(principal.tenancyId(), sent.query("tenantId").orElse(""));
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertEquals("Structured", body.get("type").asText());
        assertEquals("query instance resources where displayName =~ 'web'", body.get("query").asText());
        assertTrue(sent.principal().isResourcePrincipal());
    }
}
