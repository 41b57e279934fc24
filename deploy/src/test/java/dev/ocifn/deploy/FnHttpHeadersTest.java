package dev.ocifn.deploy;

import com.fnproject.fn.api.Headers;
import org.junit.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/** The Fn-Http-* rules on their own; FnHttpCodecTest runs them through the FDK's runtime. */
public class FnHttpHeadersTest {

    @Test
    public void aCallGoesAsIntentMethodUrlAndOneCanonicalHeaderPerCallerHeader() {
        Map<String, String> caller = new LinkedHashMap<>();
        caller.put("x-user-id", "alice");
        caller.put("AUTHORIZATION", "Bearer t");
        caller.put("model_deployment", "https://x");
        Map<String, String> fn = FnHttpHeaders.request("GET", "/pictures/a.jpg?x=1", caller);

        assertEquals(List.of("Fn-Intent", "Fn-Http-Method", "Fn-Http-Request-Url", "Fn-Http-H-X-User-Id",
                "Fn-Http-H-Authorization", "Fn-Http-H-Model_deployment"), List.copyOf(fn.keySet()));
        assertEquals("httprequest", fn.get("Fn-Intent"));
        assertEquals("GET", fn.get("Fn-Http-Method"));
        assertEquals("/pictures/a.jpg?x=1", fn.get("Fn-Http-Request-Url"));
        assertEquals("alice", fn.get("Fn-Http-H-X-User-Id"));
        assertEquals("Bearer t", fn.get("Fn-Http-H-Authorization"));
    }

    @Test
    public void theCallersContentTypeGoesBothAsAGatewayHeaderAndAsTheInvocationsOwn() {
        Map<String, String> fn = FnHttpHeaders.request("POST", "/x", Map.of("content-type", "application/json"));
        assertEquals("application/json", fn.get("Fn-Http-H-Content-Type"));
        assertEquals("application/json", fn.get("Content-Type"));
        assertFalse(FnHttpHeaders.request("GET", "/x", Map.of()).containsKey("Content-Type"));
    }

    @Test
    public void theStatusIsFnHttpStatusAnd200WhenAbsentOrNotANumber() {
        assertEquals(404, FnHttpHeaders.status(Headers.emptyHeaders().setHeader("Fn-Http-Status", "404")));
        assertEquals(404, FnHttpHeaders.status(Headers.fromMap(Map.of("fn-http-status", "404"))));
        assertEquals(200, FnHttpHeaders.status(Headers.emptyHeaders()));
        assertEquals(200, FnHttpHeaders.status(Headers.emptyHeaders().setHeader("Fn-Http-Status", "teapot")));
    }

    @Test
    public void theCallerGetsTheGatewayHeadersWithAllValuesAndTheAnswersContentType() {
        Headers answer = Headers.emptyHeaders()
                .setHeader("Fn-Http-Status", "201")
                .setHeader("Fn-Http-H-Etag", "\"e1\"")
                .addHeader("Fn-Http-H-Set-Cookie", "a=1", "b=2")
                .setHeader("Fn-Http-H-Content-Type", "text/plain")
                .setHeader("Fn-Http-H-", "nameless")
                .setHeader("Content-Type", "application/json")
                .setHeader("Fn-Call-Id", "01ABC")
                .setHeader("X-Not-For-The-Caller", "x");
        Map<String, List<String>> out = FnHttpHeaders.responseHeaders(answer);

        assertEquals(Map.of("Etag", List.of("\"e1\""), "Set-Cookie", List.of("a=1", "b=2"),
                "Content-Type", List.of("application/json")), out);
        assertEquals(Optional.of("a=1"), FnHttpHeaders.responseHeader(answer, "set-cookie"));
        assertEquals(Optional.of("application/json"), FnHttpHeaders.responseHeader(answer, "Content-Type"));
        assertEquals(Optional.empty(), FnHttpHeaders.responseHeader(answer, "X-Not-For-The-Caller"));
    }
}
