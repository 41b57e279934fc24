package dev.ocifn.deploy;

import com.fnproject.fn.api.Headers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an API Gateway call and its answer travel through Fn, written once for the training run,
 * the benchmark, the local gateway and the functions' test kit. The call goes to the function as
 * {@code Fn-Intent: httprequest}, {@code Fn-Http-Method}, {@code Fn-Http-Request-Url} and one
 * {@code Fn-Http-H-<Name>} per caller header; the answer comes back as {@code Fn-Http-Status} and
 * one {@code Fn-Http-H-<Name>} per header for the caller.
 * <p>
 * The rules follow both ends' public source. Fn's side: fnproject/fn (fnserver 0.3.753)
 * {@code api/server/runner_httptrigger.go} ({@code ServeHTTPTrigger} writes the request headers,
 * {@code triggerResponseWriter.WriteHeader} reads the answer: the prefix stripped from
 * {@code Fn-Http-H-*}, the content type passed on, {@code Fn-Http-Status} used when it is a number,
 * 200 otherwise). The function's side: fnproject/fdk-java at tag 1.0.211 (the 1.0.212 jars have
 * no tag) {@code runtime/src/main/java/com/fnproject/fn/runtime/httpgateway/FunctionHTTPGatewayContext.java}
 * (reads {@code Fn-Http-Method}, {@code Fn-Http-Request-Url} and {@code Fn-Http-H-*}; sets
 * {@code Fn-Http-Status} and {@code Fn-Http-H-*}) and {@code runtime/.../HTTPStreamCodec.java}
 * (which hands the function each header it receives under its canonical name).
 * <p>
 * Names are written in the canonical form of the FDK's {@code Headers.canonicalKey} (the form Go's
 * HTTP server gives Fn's headers too): the gateway context finds its headers by a case-sensitive
 * {@code startsWith("Fn-Http-H-")}, and the FDK's {@code Headers.fromMultiHeaderMap} keeps names
 * as given (checked against the 1.0.212 jar).
 * The caller's {@code Content-Type} goes both as {@code Fn-Http-H-Content-Type} (what the gateway
 * context shows) and as the invocation's own {@code Content-Type} (what Fn's trigger sends);
 * which of the two OCI API Gateway sends is unconfirmed, so a function must find it either way.
 * Where the request URL starts (with or without the deployment's path prefix) is the caller's to
 * say; OCI's form is unconfirmed.
 */
public final class FnHttpHeaders {
    public static final String INTENT = "Fn-Intent";
    public static final String HTTP_REQUEST = "httprequest";
    public static final String METHOD = "Fn-Http-Method";
    public static final String REQUEST_URL = "Fn-Http-Request-Url";
    public static final String STATUS = "Fn-Http-Status";
    public static final String HEADER_PREFIX = "Fn-Http-H-";
    public static final String CONTENT_TYPE = "Content-Type";

    private FnHttpHeaders() {
    }

    /**
     * The Fn headers of one gateway call, in the order to send them.
     *
     * @param requestUrl    the path and query the function sees as its request URL
     * @param callerHeaders the caller's headers as the gateway passes them on (one value each)
     */
    public static Map<String, String> request(String method, String requestUrl, Map<String, String> callerHeaders) {
        Map<String, String> fn = new LinkedHashMap<>();
        fn.put(INTENT, HTTP_REQUEST);
        fn.put(METHOD, method);
        fn.put(REQUEST_URL, requestUrl);
        String contentType = null;
        for (Map.Entry<String, String> h : callerHeaders.entrySet()) {
            String name = Headers.canonicalKey(h.getKey());
            fn.put(HEADER_PREFIX + name, h.getValue());
            if (name.equals(CONTENT_TYPE)) {
                contentType = h.getValue();
            }
        }
        if (contentType != null) {
            fn.put(CONTENT_TYPE, contentType);
        }
        return Collections.unmodifiableMap(fn);
    }

    /** The status the gateway answers with: {@code Fn-Http-Status}, 200 when absent or not a number. */
    public static int status(Headers answer) {
        Optional<String> status = answer.get(STATUS);
        if (status.isPresent()) {
            try {
                return Integer.parseInt(status.get());
            } catch (NumberFormatException e) {
                return 200;
            }
        }
        return 200;
    }

    /**
     * The headers the gateway answers the caller with: each {@code Fn-Http-H-<Name>} as
     * {@code <Name>} with all its values, and the answer's own {@code Content-Type}, which wins
     * over a {@code Fn-Http-H-Content-Type}. Every other header of the answer stays with Fn.
     */
    public static Map<String, List<String>> responseHeaders(Headers answer) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        answer.asMap().forEach((name, values) -> {
            String key = Headers.canonicalKey(name);
            if (key.startsWith(HEADER_PREFIX) && key.length() > HEADER_PREFIX.length() && !values.isEmpty()) {
                out.put(key.substring(HEADER_PREFIX.length()), List.copyOf(values));
            }
        });
        answer.get(CONTENT_TYPE).ifPresent(type -> out.put(CONTENT_TYPE, List.of(type)));
        return Collections.unmodifiableMap(out);
    }

    /** One header the gateway answers the caller with (its first value), as {@link #responseHeaders} finds it. */
    public static Optional<String> responseHeader(Headers answer, String name) {
        List<String> values = responseHeaders(answer).get(Headers.canonicalKey(name));
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }
}
