package dev.ocifn.testkit;

import com.fnproject.fn.testing.FnEventBuilder;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;

import java.util.Optional;

/**
 * Builds FnTestingRule events the way API Gateway delivers them to a function ({@code Fn-Http-*}
 * headers), and reads the gateway status and headers back from a result.
 */
public final class FnGateway {
    private FnGateway() {
    }

    /** An event as API Gateway sends it: method, request URL (path and query), intent. */
    public static FnEventBuilder<FnTestingRule> request(FnTestingRule fn, String method, String requestUrl) {
        return fn.givenEvent()
                .withHeader("Fn-Intent", "httprequest")
                .withHeader("Fn-Http-Method", method)
                .withHeader("Fn-Http-Request-Url", requestUrl);
    }

    /** An event as API Gateway sends it, with a JSON body and its content type. */
    public static FnEventBuilder<FnTestingRule> json(FnTestingRule fn, String method, String requestUrl, String body) {
        return request(fn, method, requestUrl)
                .withHeader("Fn-Http-H-Content-Type", "application/json")
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** The HTTP status the gateway would answer; 200 when the function did not set one. */
    public static int status(FnResult result) {
        return Integer.parseInt(result.getHeaders().get("Fn-Http-Status").orElse("200"));
    }

    /** A response header as the gateway passes it on to the caller. */
    public static Optional<String> header(FnResult result, String name) {
        return result.getHeaders().get("Fn-Http-H-" + name);
    }
}
