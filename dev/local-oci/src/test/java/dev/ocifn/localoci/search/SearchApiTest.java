package dev.ocifn.localoci.search;

import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.FreeTextSearchDetails;
import com.oracle.bmc.resourcesearch.model.ResourceSummary;
import com.oracle.bmc.resourcesearch.model.SearchDetails.MatchingContextType;
import com.oracle.bmc.resourcesearch.model.SearchDetails;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import com.oracle.bmc.resourcesearch.responses.SearchResourcesResponse;
import dev.ocifn.localoci.Harness;
import dev.ocifn.localoci.Replies;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** Resource Search through the real ResourceSearchClient, on the shipped resources.json (16 resources). */
public class SearchApiTest {
    private static final String SANDBOX = "ocid1.compartment.oc1..aaaaaaaalocalsbox7m2n5q8r3t6w9y4b7d2f5h8k3m6p9s4v7x2z5";

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Harness oci;
    private ResourceSearchClient search;

    @Before
    public void start() throws Exception {
        oci = new Harness(Harness.SHIPPED_DATA, dir.newFolder("store").toPath());
        search = oci.client(ResourceSearchClient.builder());
    }

    @After
    public void stop() throws Exception {
        oci.close();
    }

    private SearchResourcesResponse ask(SearchDetails details, Integer limit, String page) {
        return search.searchResources(SearchResourcesRequest.builder().searchDetails(details).limit(limit).page(page).build());
    }

    private List<ResourceSummary> structured(String query) {
        SearchResourcesResponse r = ask(StructuredSearchDetails.builder().query(query).build(), null, null);
        assertNull(r.getOpcNextPage());
        return r.getResourceSummaryCollection().getItems();
    }

    private List<String> names(String query) {
        return structured(query).stream().map(ResourceSummary::getDisplayName).toList();
    }

    @Test
    public void queriesByTypeAndCondition() {
        assertEquals(16, structured("query all resources").size());
        assertEquals(5, structured("query instance, Vcn resources").size());
        assertEquals(List.of("web-02", "web-01"), names("query all resources where lifecycleState = 'running'"));
        assertEquals(List.of("web-02", "web-01 (Boot Volume)", "web-01"), names("query all resources where displayName =~ 'WEB'"));
        assertEquals(List.of("reports-adw", "sandbox-scratch", "dev-sandbox-vm"),
                names("query all resources where freeformTags.key = 'Owner'"));
        assertEquals(List.of("reports-adw", "dev-sandbox-vm"), names("QUERY all resources WHERE "
                + "(lifecycleState = 'STOPPED' || lifecycleState = 'RUNNING') && compartmentId = '" + SANDBOX + "'"));
        assertEquals(List.of("dev-sandbox-vm"), names("query instance resources where timeCreated >= '2026-08-01'"));
        assertEquals(List.of("web-02", "web-01"), names("query instance resources where lifecycleState != 'STOPPED'"));
        assertEquals(List.of("dev-sandbox-vm", "web-01", "web-02"), names("query instance resources sorted by displayName asc"));
        assertEquals(List.of("web-01"), names("query instance resources where shape =~ 'E4' && displayName = 'web-01'"));
    }

    @Test
    public void additionalDetailsComeOnlyWhenAskedFor() {
        ResourceSummary plain = structured("query autonomousdatabase resources where displayName = 'orders-atp'").get(0);
        assertNull(plain.getAdditionalDetails());
        assertEquals("Production", plain.getFreeformTags().get("Environment"));
        assertEquals("CC-100", plain.getDefinedTags().get("Finance").get("CostCenter"));
        assertEquals("AutonomousDatabase", plain.getResourceType());
        assertEquals("2026-03-12T10:02:18Z", plain.getTimeCreated().toInstant().toString());

        ResourceSummary all = structured("query autonomousdatabase resources return allAdditionalFields "
                + "where displayName = 'orders-atp'").get(0);
        assertEquals("OLTP", all.getAdditionalDetails().get("dbWorkload"));
        ResourceSummary some = structured("query autonomousdatabase resources return dbWorkload where displayName = 'orders-atp'").get(0);
        assertEquals(Map.of("dbWorkload", "OLTP"), some.getAdditionalDetails());
    }

    @Test
    public void freeTextHighlightsWhatMatched() {
        SearchResourcesResponse r = ask(FreeTextSearchDetails.builder().text("web-01")
                .matchingContextType(MatchingContextType.Highlights).build(), null, null);
        List<ResourceSummary> items = r.getResourceSummaryCollection().getItems();
        assertEquals(2, items.size());
        assertEquals(List.of("<h1>web-01</h1> (Boot Volume)"), items.get(0).getSearchContext().getHighlights().get("displayName"));

        List<ResourceSummary> plain = ask(FreeTextSearchDetails.builder().text("PROD-").build(), null, null)
                .getResourceSummaryCollection().getItems();
        assertEquals(3, plain.size());
        assertNull(plain.get(0).getSearchContext());

        List<ResourceSummary> matching = ask(StructuredSearchDetails.builder().query("query all resources matching 'orders'")
                .matchingContextType(MatchingContextType.Highlights).build(), null, null).getResourceSummaryCollection().getItems();
        assertEquals(1, matching.size());
        assertEquals(List.of("<h1>orders</h1>-atp"), matching.get(0).getSearchContext().getHighlights().get("displayName"));
    }

    @Test
    public void highlightsAreHtmlEncoded() {
        var resource = (com.fasterxml.jackson.databind.node.ObjectNode) Replies.JSON.createObjectNode()
                .put("displayName", "R&D <lab> lab");
        assertEquals(List.of("R&amp;D &lt;<h1>lab</h1>&gt; <h1>LAB</h1>").toString().toLowerCase(),
                TextMatch.highlights(resource, "LAB").get("displayName").toString().toLowerCase());
    }

    @Test
    public void pagesFollowOpcNextPage() {
        List<String> ids = new ArrayList<>();
        String page = null;
        int calls = 0;
        do {
            SearchResourcesResponse r = ask(StructuredSearchDetails.builder().query("query all resources").build(), 5, page);
            r.getResourceSummaryCollection().getItems().forEach(s -> ids.add(s.getIdentifier()));
            page = r.getOpcNextPage();
            calls++;
        } while (page != null);
        assertEquals(4, calls);
        assertEquals(16, new HashSet<>(ids).size());
        assertEquals(structured("query all resources").stream().map(ResourceSummary::getIdentifier).toList(), ids);
    }

    @Test
    public void refusesWhatItCannotParse() {
        for (String bad : List.of("query instance", "select * from instances", "query all resources where displayName = web",
                "query all resources where (displayName = 'a'", "query all resources where displayName 'a'",
                "query all resources sorted by shape", "query all resources where displayName = 'a", "query all resources limit 5")) {
            Harness.refused(400, "InvalidParameter", "Unable to parse query",
                    () -> ask(StructuredSearchDetails.builder().query(bad).build(), null, null));
        }
        Harness.refused(400, "InvalidParameter", "limit",
                () -> ask(StructuredSearchDetails.builder().query("query all resources").build(), 1001, null));
        Harness.refused(404, "NotAuthorizedOrNotFound", "", () -> search.searchResources(SearchResourcesRequest.builder()
                .searchDetails(FreeTextSearchDetails.builder().text("web").build()).tenantId("ocid1.tenancy.oc1..other").build()));
    }

    @Test
    public void refusesBodiesOfTheWrongShape() throws Exception {
        for (String body : List.of("{\"query\":\"query all resources\"}", "{\"type\":\"Fuzzy\",\"text\":\"a\"}",
                "{\"type\":\"FreeText\",\"text\":\"  \"}", "{\"type\":\"FreeText\",\"query\":\"a\"}",
                "{\"type\":\"FreeText\",\"text\":\"a\",\"matchingContextType\":\"ALL\"}")) {
            var r = oci.postJson("/20180409/resources", body);
            assertEquals(body, 400, r.statusCode());
            assertEquals("InvalidParameter", Harness.json(r).get("code").asText());
        }
        assertTrue(oci.postJson("/20180409/resources", "{\"type\":\"FreeText\",\"text\":\"a\"}").statusCode() == 200);
    }
}
