package dev.ocifn.modelproxy;

import com.fnproject.fn.api.Headers;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;
import dev.ocifn.support.Boundary;
import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;
import dev.ocifn.support.Lazy;
import dev.ocifn.support.OciAuth;
import dev.ocifn.support.OciClients;
import dev.ocifn.support.Reply;
import dev.ocifn.support.Settings;
import dev.ocifn.support.WarmUp;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * model-proxy-fn: Data Science model-deployment predict for any number of deployments. The API
 * Gateway route names the deployment by setting its predict URL in a request header; the function
 * forwards the caller's body there, signed as its resource principal, and answers with the model's
 * own status, content type and body.
 */
public class ModelProxyFunction {
    static final String ENDPOINT_HEADER = "ENDPOINT_HEADER";
    static final String DEFAULT_HEADER = "model_deployment";
    static final String PREDICT_TIMEOUT_MS = "PREDICT_TIMEOUT_MS";
    static final String MAX_RESPONSE_BYTES = "MAX_RESPONSE_BYTES";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x20-\\x7e]{1,256}");
    /** What predict expects, and what the SDK signer assumes, when a caller names no content type. */
    static final String DEFAULT_CONTENT_TYPE = "application/json";

    private final Boundary boundary;
    private final Lazy<String> headerName;
    private final Lazy<PredictEndpointPolicy> policy;
    private final Lazy<ModelClient> client;

    public ModelProxyFunction(RuntimeContext context) {
        Settings settings = Settings.of(context);
        // The predict API takes 10 MB, but Fn stops at 6 MB: the shared default limit is Fn's.
        boundary = Boundary.forFunction("model-proxy-fn", settings, Boundary.FN_BODY_LIMIT);
        headerName = Lazy.of(() -> headerName(settings));
        policy = Lazy.of(() -> PredictEndpointPolicy.from(settings, headerName.get()));
        Lazy<OciAuth> auth = Lazy.of(() -> OciAuth.from(settings));
        client = Lazy.of(() -> new ModelClient(auth.get(),
                Duration.ofMillis(settings.integer(OciClients.CONNECT_TIMEOUT_MS, 10_000, 100, 300_000)),
                Duration.ofMillis(settings.integer(PREDICT_TIMEOUT_MS, 60_000, 100, 300_000)),
                settings.number(MAX_RESPONSE_BYTES, Boundary.FN_BODY_LIMIT, 1, Boundary.FN_BODY_LIMIT)));
        // Not the client: a refused endpoint must not get one (RejectedEndpointTest).
        WarmUp.start("model-proxy-fn", auth);
    }

    public OutputEvent handleRequest(HTTPGatewayContext gateway, InputEvent event) {
        return boundary.run(gateway, event, request -> predict(request, request.viaGateway() ? gateway.getHeaders() : event.getHeaders()));
    }

    private Reply predict(GatewayRequest request, Headers headers) {
        request.allow("POST");
        PredictEndpointPolicy.PredictUrl url = policy.get().check(endpoint(headers));
        if (request.body().length == 0) {
            throw FnError.badInput("body", "is empty; predict needs the model's input");
        }
        String contentType = request.contentType().orElse(DEFAULT_CONTENT_TYPE);
        if (!CONTENT_TYPE.matcher(contentType).matches()) {
            throw FnError.badInput("Content-Type", "must be a media type of printable ASCII, at most 256 characters");
        }
        return client.get().predict(url, contentType, request.body()).toReply();
    }

    /** The predict URL the gateway route set: exactly one non-empty value, or a 400 saying who must set it. */
    private String endpoint(Headers headers) {
        String name = headerName.get();
        List<String> values = headers.getAllValues(name).stream().filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty()) {
            throw FnError.badInput(name, "header is missing; the API Gateway route must set it to the model deployment's"
                    + " predict URL (route requestPolicies.headerTransformations.setHeaders, ifExists OVERWRITE)");
        }
        if (values.size() > 1) {
            throw FnError.badInput(name, "header is set more than once; the API Gateway route must set it with ifExists OVERWRITE");
        }
        return values.get(0);
    }

    private static String headerName(Settings settings) {
        String name = settings.get(ENDPOINT_HEADER).orElse(DEFAULT_HEADER);
        if (!HEADER_NAME.matcher(name).matches()) {
            throw FnError.misconfigured("the function configuration " + ENDPOINT_HEADER
                    + " must be a header name (letters, digits, '-' and '_')");
        }
        return name;
    }
}
