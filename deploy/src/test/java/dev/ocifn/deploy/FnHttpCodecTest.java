package dev.ocifn.deploy;

import com.fnproject.fn.api.Headers;
import com.fnproject.fn.runtime.EntryPoint;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Fn's request bytes through the FDK's real EntryPoint and the launcher's codec, and back. */
public class FnHttpCodecTest {
    private static final Scenario.Request REQUEST = new Scenario.Request(true, "POST", "/echo/path?x=1",
            Map.of("Content-Type", "text/plain", "x-user-id", "alice"), "hello ünïcode".getBytes(StandardCharsets.UTF_8));

    @Test
    public void gatewayCallRunsTheRealRuntimeAndComesBackFramedAsTheFdkFramesIt() {
        List<byte[]> responses = new ArrayList<>();
        FnHttpCodec codec = new FnHttpCodec(FnRequest.bytes(REQUEST), 3, (i, bytes, nanos) -> responses.add(bytes));
        int status = new EntryPoint().run(Map.of("GREETING", "hi", "FN_FORMAT", "http-stream"), codec, System.err,
                EchoFunction.class.getName() + "::handleRequest");

        assertEquals(0, status);
        assertEquals(3, responses.size());
        for (byte[] raw : responses) {
            FnResponse r = FnResponse.parse(raw);
            assertEquals(200, r.fdkStatus());
            assertEquals(201, r.gatewayStatus());
            assertEquals("hi:POST:hello ünïcode", r.bodyText());
            assertEquals("/echo/path?x=1", r.headers().get("fn-http-h-x-path"));
            assertTrue(r.headers().get("content-type").startsWith("text/plain"));
            assertTrue(r.headers().get("fn-fdk-version").startsWith("fdk-java/"));
        }
    }

    @Test
    public void theGatewaysEncodingIsWhatTheFdksGatewayContextReadsAndWrites() {
        List<byte[]> responses = new ArrayList<>();
        FnHttpCodec codec = new FnHttpCodec(FnRequest.bytes(REQUEST), 1, (i, bytes, nanos) -> responses.add(bytes));
        new EntryPoint().run(Map.of("FN_FORMAT", "http-stream"), codec, System.err, EchoFunction.class.getName() + "::handleRequest");

        Headers answer = headers(responses.get(0));
        assertEquals(201, FnHttpHeaders.status(answer));
        Map<String, List<String>> caller = FnHttpHeaders.responseHeaders(answer);
        assertEquals(List.of("alice"), caller.get("X-Seen-User"));
        assertEquals(List.of("/echo/path?x=1"), caller.get("X-Path"));
        assertEquals(List.of("a", "b"), caller.get("X-Multi"));
        assertTrue(caller.get("Content-Type").get(0).startsWith("text/plain"));
        assertEquals(Set.of("X-Seen-User", "X-Path", "X-Multi", "Content-Type"), caller.keySet());
    }

    /** The response head as the FDK wrote it, every value kept. */
    private static Headers headers(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Headers headers = Headers.emptyHeaders();
        for (String line : text.substring(text.indexOf("\r\n") + 2, text.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            headers = headers.addHeader(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return headers;
    }

    @Test
    public void requestCarriesTheFnHeadersAsApiGatewayAndFnSendThem() {
        String head = new String(FnRequest.bytes(REQUEST), StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("POST /call HTTP/1.1\r\n"));
        for (String h : List.of("Fn-Call-Id: ", "Fn-Deadline: ", "Fn-Intent: httprequest", "Fn-Http-Method: POST",
                "Fn-Http-Request-Url: /echo/path?x=1", "Fn-Http-H-Content-Type: text/plain", "Fn-Http-H-X-User-Id: alice", "Content-Type: text/plain",
                "Content-Length: " + REQUEST.body().length)) {
            assertTrue(h, head.contains("\r\n" + h));
        }
    }
}
