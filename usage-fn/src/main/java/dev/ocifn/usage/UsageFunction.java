package dev.ocifn.usage;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;
import com.oracle.bmc.usageapi.UsageapiClient;
import dev.ocifn.support.Boundary;
import dev.ocifn.support.GatewayRequest;
import dev.ocifn.support.Lazy;
import dev.ocifn.support.OciAuth;
import dev.ocifn.support.OciClients;
import dev.ocifn.support.Paging;
import dev.ocifn.support.Reply;
import dev.ocifn.support.Settings;
import dev.ocifn.support.StrictJson;
import dev.ocifn.support.WarmUp;

/**
 * usage-fn: the Usage API's requestSummarizedUsages behind API Gateway or {@code fn invoke}.
 * The body is a RequestSummarizedUsagesDetails; the answer is the UsageAggregation.
 */
public class UsageFunction {
    /** Caller JSON is small; anything larger is a mistake, not a query. */
    static final long DEFAULT_MAX_BODY = 64 * 1024;

    private final Boundary boundary;
    private final Lazy<OciAuth> auth;
    private final Lazy<UsagePager> pager;

    public UsageFunction(RuntimeContext context) {
        Settings settings = Settings.of(context);
        boundary = Boundary.forFunction("usage-fn", settings, DEFAULT_MAX_BODY);
        auth = Lazy.of(() -> OciAuth.from(settings));
        pager = Lazy.of(() -> new UsagePager(
                OciClients.build(UsageapiClient.builder(), auth.get(), settings),
                settings.integer(UsagePager.MAX_PAGES, 50, 1, 1000)));
        WarmUp.start("usage-fn", pager);
    }

    public OutputEvent handleRequest(HTTPGatewayContext gateway, InputEvent event) {
        return boundary.run(gateway, event, this::summarize);
    }

    private Reply summarize(GatewayRequest request) {
        request.allow("POST");
        Paging page = Paging.fromQuery(request, UsagePager.MAX_LIMIT);
        UsageQuery query = UsageQuery.parse(StrictJson.object(request.body()), () -> auth.get().tenancyId());
        return pager.get().fetch(query.details(), page).toReply();
    }
}
