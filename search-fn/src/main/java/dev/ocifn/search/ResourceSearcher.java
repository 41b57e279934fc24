package dev.ocifn.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.ResourceSummaryCollection;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import com.oracle.bmc.resourcesearch.responses.SearchResourcesResponse;
import dev.ocifn.support.Boundary;
import dev.ocifn.support.FnError;
import dev.ocifn.support.Json;
import dev.ocifn.support.Reply;

import java.util.List;
import java.util.Map;

/**
 * One searchResources call per function call: results can be very large, so the caller walks
 * the pages with the {@code nextPage} token instead of the function collecting them all.
 */
final class ResourceSearcher {
    /** Fn refuses a larger response; what the caller gets then is an opaque gateway error. */
    static final long MAX_ANSWER_BYTES = Boundary.FN_BODY_LIMIT;

    private final ResourceSearchClient client;

    ResourceSearcher(ResourceSearchClient client) {
        this.client = client;
    }

    Reply search(SearchQuery query, PageRequest page) {
        SearchResourcesResponse response = client.searchResources(SearchResourcesRequest.builder()
                .searchDetails(query.details())
                .limit(page.limit().orElse(null))
                .page(page.page().orElse(null))
                .tenantId(page.tenantId().orElse(null))
                .build());
        String next = response.getOpcNextPage();
        byte[] body = Json.write(answer(response.getResourceSummaryCollection(), next));
        if (body.length > MAX_ANSWER_BYTES) {
            throw new FnError(502, "ResponseTooLarge", "this page of results is " + body.length
                    + " bytes, more than the " + MAX_ANSWER_BYTES + " a function may answer; ask for fewer with limit",
                    response.getOpcRequestId(), Map.of());
        }
        return Reply.bytes(200, Reply.JSON, body)
                .header("opc-next-page", next)
                .header("opc-request-id", response.getOpcRequestId());
    }

    /** OCI's ResourceSummaryCollection as it is, plus {@code nextPage} for callers that see no headers. */
    private static ObjectNode answer(ResourceSummaryCollection collection, String next) {
        ObjectNode answer = Json.mapper().valueToTree(collection == null
                ? ResourceSummaryCollection.builder().items(List.of()).build() : collection);
        if (!answer.has("items")) {
            answer.putArray("items");
        }
        if (next != null) {
            answer.put("nextPage", next);
        }
        return answer;
    }
}
