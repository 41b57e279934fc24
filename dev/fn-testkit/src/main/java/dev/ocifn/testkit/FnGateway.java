package dev.ocifn.testkit;

import com.fnproject.fn.testing.FnEventBuilder;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.deploy.FnHttpHeaders;

import java.util.Map;
import java.util.Optional;

/**
 * Builds FnTestingRule events the way API Gateway delivers them to a function ({@code Fn-Http-*}
 * headers, encoded by {@link FnHttpHeaders}), and reads the gateway status and headers back from a
 * result.
 */
public final class FnGateway {
    private FnGateway() {
    }

    /** An event as API Gateway sends it: method, request URL (path and query), intent. */
    public static FnEventBuilder<FnTestingRule> request(FnTestingRule fn, String method, String requestUrl) {
        return request(fn, method, requestUrl, Map.of());
    }

    /** An event as API Gateway sends it, with these caller headers (the content type among them). */
    public static FnEventBuilder<FnTestingRule> request(FnTestingRule fn, String method, String requestUrl,
                                                        Map<String, String> callerHeaders) {
        FnEventBuilder<FnTestingRule> event = fn.givenEvent();
        for (Map.Entry<String, String> h : FnHttpHeaders.request(method, requestUrl, callerHeaders).entrySet()) {
            event = event.withHeader(h.getKey(), h.getValue());
        }
        return event;
    }

    /** An event as API Gateway sends it, with a JSON body and its content type. */
    public static FnEventBuilder<FnTestingRule> json(FnTestingRule fn, String method, String requestUrl, String body) {
        return request(fn, method, requestUrl, Map.of(FnHttpHeaders.CONTENT_TYPE, "application/json")).withBody(body);
    }

    /** The HTTP status the gateway would answer; 200 when the function did not set one. */
    public static int status(FnResult result) {
        return FnHttpHeaders.status(result.getHeaders());
    }

    /** A response header as the gateway passes it on to the caller. */
    public static Optional<String> header(FnResult result, String name) {
        return FnHttpHeaders.responseHeader(result.getHeaders(), name);
    }
}
