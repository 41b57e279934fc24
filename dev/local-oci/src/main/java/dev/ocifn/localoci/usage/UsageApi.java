package dev.ocifn.localoci.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.DataSetFile;
import dev.ocifn.localoci.Paging;
import dev.ocifn.localoci.Replies;
import dev.ocifn.localoci.RequestBodies;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;

import java.util.List;

/** The Usage API's {@code POST /20200107/usage} (RequestSummarizedUsages), answered from usage.json. */
public final class UsageApi {
    public static final String PATH = "/20200107/usage";
    /** Nothing documents the service's own default or maximum page; these keep answers small. */
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final DataSetFile<UsageDataSet> data;

    public UsageApi(DataSetFile<UsageDataSet> data) {
        this.data = data;
    }

    public StubResponse summarize(RecordedRequest request) {
        ObjectNode body = RequestBodies.jsonObject(request);
        UsageDataSet dataSet = data.get();
        String tenancy = request.principal().tenancyId();
        UsageRequest query = UsageRequest.parse(body, tenancy, dataSet.tenantName());
        List<ObjectNode> items = new UsageAggregator(query, List.of(tenancy, dataSet.tenantName()))
                .summarize(dataSet.records());
        Paging.Page<ObjectNode> page = Paging.slice(items, request, DEFAULT_LIMIT, MAX_LIMIT,
                Paging.fingerprint("usage", tenancy, body.toString()));
        ObjectNode answer = Replies.JSON.createObjectNode();
        answer.putPOJO("groupBy", query.groupBy());
        answer.putArray("items").addAll(page.items());
        return Replies.withHeader(Replies.json(200, answer), "opc-next-page", page.next());
    }
}
