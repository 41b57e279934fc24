package dev.ocifn.support;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One call as the function sees it, whether API Gateway sent it (method, URL and headers in
 * {@code Fn-Http-*}) or {@code fn invoke} did (a body, nothing else; the method counts as POST).
 */
public final class GatewayRequest {
    private final HTTPGatewayContext gateway;
    private final InputEvent event;
    private final byte[] body;

    public GatewayRequest(HTTPGatewayContext gateway, InputEvent event, byte[] body) {
        this.gateway = gateway;
        this.event = event;
        this.body = body;
    }

    /** True when API Gateway (or the local gateway) made the call, false for a plain invoke. */
    public boolean viaGateway() {
        return !gateway.getMethod().isEmpty();
    }

    public String method() {
        return viaGateway() ? gateway.getMethod().toUpperCase(Locale.ROOT) : "POST";
    }

    /** Path of the gateway request, still URL-encoded, without the query; empty for a plain invoke. */
    public String rawPath() {
        String url = gateway.getRequestURL();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** A query parameter of the gateway request, decoded; always empty for a plain invoke. */
    public Optional<String> query(String name) {
        return viaGateway() ? gateway.getQueryParameters().get(name) : Optional.empty();
    }

    /** A request header: the caller's header through the gateway, the invoke header otherwise. */
    public Optional<String> header(String name) {
        Optional<String> value = viaGateway() ? gateway.getHeaders().get(name) : event.getHeaders().get(name);
        return value.filter(v -> !v.isEmpty());
    }

    public Optional<String> contentType() {
        return header("Content-Type");
    }

    public byte[] body() {
        return body;
    }

    /** Refuses any other method with 405 and an {@code Allow} header. */
    public GatewayRequest allow(String... methods) {
        if (Arrays.stream(methods).noneMatch(method()::equals)) {
            throw FnError.methodNotAllowed(method(), methods);
        }
        return this;
    }
}
