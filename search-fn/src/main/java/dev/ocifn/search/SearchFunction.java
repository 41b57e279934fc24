package dev.ocifn.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import dev.ocifn.support.Boundary;
import dev.ocifn.support.GatewayRequest;
import dev.ocifn.support.Lazy;
import dev.ocifn.support.OciAuth;
import dev.ocifn.support.OciClients;
import dev.ocifn.support.Reply;
import dev.ocifn.support.Settings;
import dev.ocifn.support.StrictJson;
import dev.ocifn.support.WarmUp;

/**
 * search-fn: Resource Search's searchResources behind API Gateway or {@code fn invoke}. The body
 * is OCI's SearchDetails (Structured or FreeText); the answer is one page of OCI's
 * ResourceSummaryCollection plus the token of the next page.
 */
public class SearchFunction {
    /** A search is a short JSON document; anything larger is a mistake, not a query. */
    static final long DEFAULT_MAX_BODY = 64 * 1024;

    private final Boundary boundary;
    private final Lazy<ResourceSearcher> searcher;

    public SearchFunction(RuntimeContext context) {
        Settings settings = Settings.of(context);
        boundary = Boundary.forFunction("search-fn", settings, DEFAULT_MAX_BODY);
        Lazy<OciAuth> auth = Lazy.of(() -> OciAuth.from(settings));
        searcher = Lazy.of(() -> new ResourceSearcher(
                OciClients.build(ResourceSearchClient.builder(), auth.get(), settings)));
        WarmUp.start("search-fn", searcher);
    }

    public OutputEvent handleRequest(HTTPGatewayContext gateway, InputEvent event) {
        return boundary.run(gateway, event, this::search);
    }

    private Reply search(GatewayRequest request) {
        request.allow("POST");
        JsonContent.require(request);
        ObjectNode body = StrictJson.object(request.body());
        // Paging fields leave the body here, so what remains is exactly OCI's SearchDetails.
        PageRequest page = PageRequest.from(request, body);
        SearchQuery query = SearchQuery.parse(body);
        return searcher.get().search(query, page);
    }
}
