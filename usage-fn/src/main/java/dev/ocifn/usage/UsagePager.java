package dev.ocifn.usage;

import com.oracle.bmc.usageapi.UsageapiClient;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import com.oracle.bmc.usageapi.model.UsageSummary;
import com.oracle.bmc.usageapi.requests.RequestSummarizedUsagesRequest;
import com.oracle.bmc.usageapi.responses.RequestSummarizedUsagesResponse;
import dev.ocifn.support.Paging;
import dev.ocifn.support.Reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls requestSummarizedUsages and, unless the caller pages by hand, follows opc-next-page up
 * to {@code MAX_PAGES} pages and merges the items, so one call answers one question.
 */
final class UsagePager {
    static final String MAX_PAGES = "MAX_PAGES";
    /**
     * The largest {@code limit} a caller may ask for. Neither the SDK's
     * RequestSummarizedUsagesRequest (3.39.1: "the maximum number of items to return") nor the API
     * reference states a maximum: unconfirmed, kept as the function has always had it.
     */
    static final int MAX_LIMIT = 10_000;

    private final UsageapiClient client;
    private final int maxPages;

    UsagePager(UsageapiClient client, int maxPages) {
        this.client = client;
        this.maxPages = maxPages;
    }

    /** The merged answer; {@code nextPage} set when more pages remain than were fetched. */
    record Result(List<?> groupBy, List<UsageSummary> items, String nextPage, boolean capped, String opcRequestId) {
        Reply toReply() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("groupBy", groupBy);
            body.put("items", items);
            if (nextPage != null) {
                body.put("nextPage", nextPage);
            }
            if (capped) {
                body.put("truncated", true);
            }
            return Reply.json(200, body).header("opc-next-page", nextPage).header("opc-request-id", opcRequestId);
        }
    }

    Result fetch(RequestSummarizedUsagesDetails details, Paging paging) {
        List<UsageSummary> items = new ArrayList<>();
        List<?> groupBy = null;
        String page = paging.page().orElse(null);
        String opcRequestId = null;
        int pages = 0;
        do {
            RequestSummarizedUsagesResponse response = client.requestSummarizedUsages(
                    RequestSummarizedUsagesRequest.builder()
                            .requestSummarizedUsagesDetails(details)
                            .page(page)
                            .limit(paging.limit().orElse(null))
                            .build());
            pages++;
            opcRequestId = response.getOpcRequestId();
            if (groupBy == null) {
                groupBy = response.getUsageAggregation().getGroupBy();
            }
            if (response.getUsageAggregation().getItems() != null) {
                items.addAll(response.getUsageAggregation().getItems());
            }
            page = response.getOpcNextPage();
        } while (page != null && !paging.chosenByCaller() && pages < maxPages);
        boolean capped = page != null && !paging.chosenByCaller();
        return new Result(groupBy == null ? List.of() : groupBy, items, page, capped, opcRequestId);
    }
}
