package dev.ocifn.testkit;

import com.fnproject.fn.testing.FnEventBuilder;
import com.fnproject.fn.testing.FnTestingRule;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One caller request as API Gateway hands it to a function: method, request URL (path and
 * query), content type, body and the caller's other headers. Immutable, so a contract can send
 * the same call again with another method, body or header.
 */
public final class GatewayCall {
    private final String method;
    private final String url;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private GatewayCall(String method, String url, String contentType, byte[] body, Map<String, String> headers) {
        this.method = method;
        this.url = url;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    /** A call without a body. */
    public static GatewayCall of(String method, String url) {
        return new GatewayCall(method, url, null, new byte[0], Map.of());
    }

    /** A call with a JSON body, sent as {@code application/json}. */
    public static GatewayCall json(String method, String url, String json) {
        return of(method, url).withBody("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same call with this body; a null content type sends none. */
    public GatewayCall withBody(String type, byte[] bytes) {
        return new GatewayCall(method, url, type, bytes.clone(), headers);
    }

    public GatewayCall withMethod(String other) {
        return new GatewayCall(other, url, contentType, body, headers);
    }

    /** The same call with one more caller header (replacing one of the same name). */
    public GatewayCall withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayCall(method, url, contentType, body, Collections.unmodifiableMap(more));
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    /** The URL without its query: what the function logs as the path. */
    public String path() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body.clone();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The FnTestingRule event, as {@link FnGateway#request} encodes this call. */
    public FnEventBuilder<FnTestingRule> event(FnTestingRule fn) {
        Map<String, String> caller = new LinkedHashMap<>(headers);
        if (contentType != null) {
            caller.put("Content-Type", contentType);
        }
        return FnGateway.request(fn, method, url, caller).withBody(body);
    }

    public void enqueue(FnTestingRule fn) {
        event(fn).enqueue();
    }

    @Override
    public String toString() {
        return method + " " + url;
    }
}
