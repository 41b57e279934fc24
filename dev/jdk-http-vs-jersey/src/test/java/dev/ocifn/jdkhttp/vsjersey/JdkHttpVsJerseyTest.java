package dev.ocifn.jdkhttp.vsjersey;

import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.http.client.jersey.JerseyHttpProvider;
import dev.ocifn.jdkhttp.JdkHttpProvider;
import dev.ocifn.jdkhttp.vsjersey.RawServer.Answer;
import dev.ocifn.jdkhttp.vsjersey.RawServer.Captured;
import dev.ocifn.jdkhttp.vsjersey.RawServer.Script;
import org.junit.Test;

import com.oracle.bmc.http.client.ProxyConfiguration;
import com.oracle.bmc.retrier.RetryConfiguration;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * jdk-http against the provider it replaces, the SDK's own Jersey provider: each scenario makes
 * the same SDK call through each provider against a fresh {@link RawServer} with the same canned
 * answers, and both must put the same request on the wire (method, target, headers other than
 * the date, the signature and the random request id, framing, body) and hand the caller the same
 * result or the same exception. Where Jersey itself is wrong, the scenario says so and what it
 * compares instead.
 */
public class JdkHttpVsJerseyTest {
    /** Headers that differ on every call whatever sends them. */
    private static final Set<String> PER_CALL = Set.of("date", "authorization", "opc-request-id");
    private static final String JSON = "Content-Type: application/json";

    private static final byte[] SMALL = bytes(1_000, 1);
    private static final byte[] LARGE = bytes(200_000, 2);
    private static final byte[] MIB = bytes(1_048_576, 3);

    private static final HttpProvider JERSEY = new JerseyHttpProvider();
    private static final HttpProvider JDK = JdkHttpProvider.instance();

    // ---- answers ----

    private static Answer ok(int status, String reason, String body, String... headers) {
        return x -> x.continueAndRead().reply(status, reason, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Answer json(String body, String... headers) {
        String[] all = new String[headers.length + 1];
        all[0] = JSON;
        System.arraycopy(headers, 0, all, 1, headers.length);
        return ok(200, "OK", body, all);
    }

    private static Answer ociError(int status, String reason, String code, String message, String... extra) {
        String[] headers = new String[extra.length + 2];
        headers[0] = JSON;
        headers[1] = "opc-request-id: req-" + status;
        System.arraycopy(extra, 0, headers, 2, extra.length);
        return ok(status, reason, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}", headers);
    }

    /** A final status before {@code 100 Continue}, as OCI answers a refused upload; the body is never read. */
    private static Answer refuseBeforeContinue(int status, String reason, String code, String message) {
        return x -> {
            if (!x.expectsContinue()) {
                x.read();
            }
            x.reply(status, reason, ("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8),
                    JSON, "opc-request-id: req-refused", "Connection: close");
            x.closeAfterDraining();
        };
    }

    private static Answer binary(byte[] body, String... headers) {
        return x -> {
            x.read();
            List<String> all = new ArrayList<>(List.of("Content-Type: image/jpeg", "ETag: \"e1\"", "opc-request-id: req-get"));
            all.addAll(List.of(headers));
            x.reply(200, "OK", body, all.toArray(new String[0]));
        };
    }

    private static Answer chunked(byte[] body) {
        return x -> {
            x.read();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nETag: \"e1\"\r\nopc-request-id: req-get\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < body.length; i += 100_000) {
                int n = Math.min(100_000, body.length - i);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            x.write(out.toByteArray());
        };
    }

    /** Status line, headers announcing {@code declared} bytes, {@code sent} of them, then the connection closes. */
    private static Answer cutShort(String contentType, byte[] body, int sent) {
        return x -> {
            x.read();
            x.write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nopc-request-id: req-cut\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            x.write(java.util.Arrays.copyOf(body, sent));
            x.close();
        };
    }

    private static Answer closeWithoutAnswer() {
        return x -> {
            x.continueAndRead();
            x.close();
        };
    }

    private static Answer stall() {
        return x -> {
            x.continueAndRead();
            x.stall(SdkCalls.READ_TIMEOUT_MS * 3L);
        };
    }

    /** The same answer for every request. */
    private static Script always(Answer a) {
        return i -> a;
    }

    /** The first request gets {@code first}, every later one {@code then}. */
    private static Script firstThen(Answer first, Answer then) {
        return i -> i == 0 ? first : then;
    }

    // ---- running one scenario through both providers ----

    private record Run(List<Captured> requests, String outcome) {
    }

    private static Run run(HttpProvider provider, Script script, Function<SdkCalls, String> call) throws Exception {
        return run(provider, script, call, false);
    }

    /** {@code viaProxy}: the server is the clients' HTTP proxy for an endpoint that does not resolve. */
    private static Run run(HttpProvider provider, Script script, Function<SdkCalls, String> call, boolean viaProxy) throws Exception {
        try (RawServer server = RawServer.start(script);
             SdkCalls calls = viaProxy
                     ? new SdkCalls(provider, "http://objectstorage.example.invalid", new ProxyConfiguration(
                             new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", server.port()))),
                             RetryConfiguration.NO_RETRY_CONFIGURATION)
                     : new SdkCalls(provider, server.endpoint())) {
            String outcome = call.apply(calls);
            // let a re-sent request, if any, arrive
            Thread.sleep(50);
            return new Run(server.captured(), outcome);
        }
    }

    /** The request as compared: everything but the per-call headers; the body as its length and digest. */
    private static String wire(Captured c, Set<String> ignoredHeaders) {
        Map<String, List<String>> headers = new TreeMap<>(c.headers());
        PER_CALL.forEach(headers::remove);
        ignoredHeaders.forEach(headers::remove);
        // each run has a server of its own, on a port of its own
        headers.computeIfPresent("host", (k, v) -> List.of(v.get(0).replaceAll(":\\d+$", ":<port>")));
        return c.method() + " " + c.target() + " " + c.version() + "\n  headers " + headers + "\n  framing " + c.framing()
                + "\n  body " + (c.body() == null ? "not read" : SdkCalls.digest(c.body()));
    }

    private static String describe(Run run, Set<String> ignoredHeaders) {
        StringBuilder s = new StringBuilder();
        for (Captured c : run.requests()) {
            s.append(wire(c, ignoredHeaders)).append('\n');
        }
        return s.append("=> ").append(run.outcome()).toString();
    }

    /** Both providers, same wire, same outcome. */
    private static void same(Script script, Function<SdkCalls, String> call) throws Exception {
        same(script, call, Set.of());
    }

    private static void same(Script script, Function<SdkCalls, String> call, Set<String> ignoredHeaders) throws Exception {
        Run jersey = run(JERSEY, script, call);
        Run jdk = run(JDK, script, call);
        String expected = describe(jersey, ignoredHeaders);
        String actual = describe(jdk, ignoredHeaders);
        if (!expected.equals(actual)) {
            fail("jdk-http differs from Jersey\n--- Jersey:\n" + expected + "\n--- jdk-http:\n" + actual);
        }
    }

    private static Run jdk(Script script, Function<SdkCalls, String> call) throws Exception {
        return run(JDK, script, call);
    }

    private static Run jersey(Script script, Function<SdkCalls, String> call) throws Exception {
        return run(JERSEY, script, call);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    // ---- Usage API ----

    @Test
    public void usageAnswered() throws Exception {
        same(always(json("{\"groupBy\":[\"service\"],\"items\":[{\"service\":\"COMPUTE\",\"computedAmount\":1.5,"
                + "\"timeUsageStarted\":\"2023-11-15T00:00:00.000Z\",\"unknownField\":7}]}",
                "opc-request-id: req-usage", "opc-next-page: page-2")), SdkCalls::usage);
    }

    /** Deliberate, as {@link #getBinaryChunked()}: no made-up {@code Content-Length: -1}. */
    @Test
    public void usageChunkedAnswer() throws Exception {
        chunkedWithoutMadeUpLength(always(x -> {
            x.read();
            x.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nopc-request-id: req-usage\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"ite\r\n8\r\nms\":[]}\n\r\n0\r\n\r\n");
        }), SdkCalls::usage);
    }

    @Test
    public void usageBadRequest() throws Exception {
        same(always(ociError(400, "Bad Request", "InvalidParameter", "timeUsageStarted must be at midnight")), SdkCalls::usage);
    }

    @Test
    public void usageTooManyRequests() throws Exception {
        same(always(ociError(429, "Too Many Requests", "TooManyRequests", "slow down", "Retry-After: 3")), SdkCalls::usage);
    }

    @Test
    public void usageServerError() throws Exception {
        same(always(ociError(500, "Internal Server Error", "InternalServerError", "oops")), SdkCalls::usage);
    }

    @Test
    public void usageNonJsonError() throws Exception {
        same(always(ok(502, "Bad Gateway", "<html>bad gateway</html>", "Content-Type: text/html")), SdkCalls::usage);
    }

    /** A POST whose connection closes before any answer is not sent again: it may have reached OCI. */
    @Test
    public void usageClosedBeforeAnyAnswer() throws Exception {
        same(firstThen(closeWithoutAnswer(), json("{\"items\":[]}", "opc-request-id: req-second")), SdkCalls::usage);
    }

    @Test
    public void usageReadTimeout() throws Exception {
        same(always(stall()), SdkCalls::usage);
    }

    @Test
    public void usageJsonCutShort() throws Exception {
        byte[] body = "{\"items\":[{\"service\":\"COMPUTE\"},{\"service\":\"OBJECT_STORAGE\"}]}".getBytes(StandardCharsets.UTF_8);
        same(always(cutShort("application/json", body, 20)), SdkCalls::usage);
    }

    // ---- Resource Search ----

    @Test
    public void searchAnswered() throws Exception {
        same(always(json("{\"items\":[{\"resourceType\":\"Instance\",\"identifier\":\"ocid1.instance.oc1..a\","
                + "\"displayName\":\"vm\",\"timeCreated\":\"2024-01-02T03:04:05.678Z\"}]}",
                "opc-request-id: req-search", "opc-next-page: page-2")), SdkCalls::search);
    }

    /** A header the server repeats reaches the caller in the order sent. */
    @Test
    public void searchRepeatedHeaders() throws Exception {
        same(always(json("{\"items\":[]}", "opc-request-id: req-search", "opc-next-page: first", "opc-next-page: second",
                "X-Extra: a", "X-Extra: b", "X-Extra: c")), SdkCalls::search);
    }

    @Test
    public void searchNotFound() throws Exception {
        same(always(ociError(404, "Not Found", "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found")),
                SdkCalls::search);
    }

    // ---- Object Storage ----

    @Test
    public void namespace() throws Exception {
        same(always(json("\"ns-abc\"", "opc-request-id: req-ns")), SdkCalls::namespace);
    }

    @Test
    public void namespaceUnauthorized() throws Exception {
        same(always(ociError(401, "Unauthorized", "NotAuthenticated", "The required information to complete authentication was not provided")),
                SdkCalls::namespace);
    }

    @Test
    public void putLargeAnswered() throws Exception {
        same(always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\"", "opc-content-md5: bWQ1")),
                c -> c.put(LARGE, true, null));
    }

    /**
     * OCI refuses an upload (missing bucket, missing permission, expired token, clock skew) with a
     * final status before {@code 100 Continue}: the caller gets that status, code and request id.
     */
    @Test
    public void putLargeRefusedBeforeContinue() throws Exception {
        same(always(refuseBeforeContinue(404, "Not Found", "BucketNotFound", "Either the bucket named 'pics' does not exist")),
                c -> c.put(LARGE, true, null));
    }

    @Test
    public void putLargeRefusedBeforeContinueUnauthorized() throws Exception {
        same(always(refuseBeforeContinue(401, "Unauthorized", "NotAuthenticated", "The Authorization header has expired")),
                c -> c.put(LARGE, true, null));
    }

    /**
     * Deliberate: a body of up to 64 KiB goes out with the headers, without {@code Expect:
     * 100-continue} (waiting for the 100 would cost a round trip for a body that fits in a few
     * packets). The same call otherwise, and the same outcome when the upload is refused.
     */
    @Test
    public void putSmallWithoutExpect() throws Exception {
        Script answered = always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\""));
        same(answered, c -> c.put(SMALL, true, null), Set.of("expect"));
        assertEquals("100-continue", jersey(answered, c -> c.put(SMALL, true, null)).requests().get(0).header("expect"));
        assertEquals(null, jdk(answered, c -> c.put(SMALL, true, null)).requests().get(0).header("expect"));
        // Refused: Jersey waited and never sent the body, jdk-http sent it with the headers; the caller gets the same.
        Script refused = always(refuseBeforeContinue(404, "Not Found", "BucketNotFound", "no bucket"));
        Run jersey = jersey(refused, c -> c.put(SMALL, true, null));
        Run jdk = jdk(refused, c -> c.put(SMALL, true, null));
        assertEquals(null, jersey.requests().get(0).body());
        assertEquals(SMALL.length, jdk.requests().get(0).body().length);
        assertEquals(jersey.outcome(), jdk.outcome());
        assertTrue(jdk.outcome(), jdk.outcome().startsWith("BmcException status=404 code=BucketNotFound id=req-refused clientSide=false"));
    }

    /** OCI lists Content-Length as required for PutObject: a stream of unknown length is read whole and sent with it. */
    @Test
    public void putWithoutContentLength() throws Exception {
        same(always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\"")), c -> c.put(SMALL, false, null), Set.of("expect"));
        same(always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\"")), c -> c.put(LARGE, false, null));
    }

    /** Header values go out as ISO-8859-1, whatever the JVM's default charset. */
    @Test
    public void putWithLatin1Metadata() throws Exception {
        same(always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\"")),
                c -> c.put(LARGE, true, Map.of("caption", "caf\u00e9 cr\u00e8me")));
    }

    /**
     * Deliberate: a header value that ISO-8859-1 cannot carry (beyond U+00FF) or that would end the
     * header (CR, LF) is refused before anything is sent. Apache HttpClient writes a question mark
     * for such a character and a space for CR and LF: a different value than the caller gave (and,
     * for a signed header, than the signer signed), sent without a word.
     */
    @Test
    public void headerValuesHttpCannotCarryAreRefused() throws Exception {
        Script answered = always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\""));
        for (String value : new String[] {"\u20ac 5", "a\r\nX-Injected: 1"}) {
            Run jdk = jdk(answered, c -> c.put(LARGE, true, Map.of("caption", value)));
            assertEquals(0, jdk.requests().size());
            assertEquals("BmcException status=-1 code=null id=null clientSide=true timeout=false cause=IllegalArgumentException",
                    jdk.outcome());
        }
        Run jersey = jersey(answered, c -> c.put(LARGE, true, Map.of("caption", "\u20ac 5")));
        assertEquals("Jersey sends a question mark for the euro sign", "? 5", jersey.requests().get(0).header("opc-meta-caption"));
        Run newline = jersey(answered, c -> c.put(LARGE, true, Map.of("caption", "a\r\nX-Injected: 1")));
        assertEquals("Jersey sends CR and LF as spaces", "a  X-Injected: 1", newline.requests().get(0).header("opc-meta-caption"));
    }

    /** A server that ignores {@code Expect: 100-continue}: after a wait (Apache's three seconds) the body goes anyway. */
    @Test
    public void putToAServerThatNeverSendsContinue() throws Exception {
        same(always(x -> x.read().reply(200, "OK", new byte[0], "opc-request-id: req-put", "ETag: \"e2\"")),
                c -> c.put(LARGE, true, null));
    }

    /** Through an HTTP proxy (http endpoint): the absolute URI as the target, the same headers. */
    @Test
    public void throughAnHttpProxy() throws Exception {
        Script answered = always(json("\"ns-abc\"", "opc-request-id: req-ns"));
        Run jersey = run(JERSEY, answered, SdkCalls::namespace, true);
        Run jdk = run(JDK, answered, SdkCalls::namespace, true);
        String expected = describe(jersey, Set.of());
        String actual = describe(jdk, Set.of());
        if (!expected.equals(actual)) {
            fail("jdk-http differs from Jersey\n--- Jersey:\n" + expected + "\n--- jdk-http:\n" + actual);
        }
    }

    /**
     * Where Jersey is wrong: with SDK retries (the functions configure none), a PutObject retried
     * after a 503 goes out again with its declared length but an empty body, so the server waits
     * for bytes that never come and the call ends in a read timeout. jdk-http sends the body
     * again. Compared instead with Jersey in the same scenario without the trigger (a 200 at once):
     * the same request on the wire, the same result.
     */
    @Test
    public void retriedPutObjectSendsItsBodyAgain() throws Exception {
        Script unavailableThenOk = firstThen(ociError(503, "Service Unavailable", "ServiceUnavailable", "try later"),
                ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\""));
        Script ok = always(ok(200, "OK", "", "opc-request-id: req-put", "ETag: \"e2\""));
        for (byte[] body : new byte[][] {SMALL, LARGE}) {
            Run jerseyRetried = withRetries(JERSEY, unavailableThenOk, body);
            assertEquals(2, jerseyRetried.requests().size());
            assertEquals("Jersey's retry sends no body", 0, jerseyRetried.requests().get(1).body().length);
            assertTrue(jerseyRetried.outcome(), jerseyRetried.outcome().contains("clientSide=true timeout=true cause=timeout"));

            Run jerseyAtOnce = withRetries(JERSEY, ok, body);
            Run jdkRetried = withRetries(JDK, unavailableThenOk, body);
            assertEquals(2, jdkRetried.requests().size());
            Set<String> expect = body.length <= SMALL.length ? Set.of("expect") : Set.of();
            assertEquals(describe(jerseyAtOnce, expect),
                    describe(new Run(jdkRetried.requests().subList(1, 2), jdkRetried.outcome()), expect));
        }
    }

    private static Run withRetries(HttpProvider provider, Script script, byte[] body) throws Exception {
        try (RawServer server = RawServer.start(script);
             SdkCalls calls = new SdkCalls(provider, server.endpoint(), null, SdkCalls.twoAttempts())) {
            String outcome = calls.put(body, true, null);
            Thread.sleep(50);
            return new Run(server.captured(), outcome);
        }
    }

    /** A PUT whose connection closes before any answer is not sent again. */
    @Test
    public void putClosedBeforeAnyAnswer() throws Exception {
        same(firstThen(closeWithoutAnswer(), ok(200, "OK", "", "opc-request-id: req-second")), c -> c.put(LARGE, true, null));
    }

    @Test
    public void getBinaryWithLength() throws Exception {
        same(always(binary(MIB)), c -> c.get(null));
    }

    /**
     * Deliberate: a chunked answer has no length. Jersey's Apache connector makes up a
     * {@code Content-Length: -1} header for it, so {@code getContentLength()} is -1 and a reader
     * that compares it with the bytes it got (pictures-fn does) takes a whole download for a
     * broken one; jdk-http passes on the headers the server sent ({@code getContentLength()} null).
     * Everything else is the same.
     */
    @Test
    public void getBinaryChunked() throws Exception {
        chunkedWithoutMadeUpLength(always(chunked(MIB)), c -> c.get(null));
    }

    private static void chunkedWithoutMadeUpLength(Script script, Function<SdkCalls, String> call) throws Exception {
        Run jersey = jersey(script, call);
        assertTrue(jersey.outcome(), jersey.outcome().contains("content-length=[-1], "));
        String jerseyWithoutIt = jersey.outcome().replace("content-length=[-1], ", "").replace(" length=-1 ", " length=null ");
        Run jdk = jdk(script, call);
        assertEquals(describe(new Run(jersey.requests(), jerseyWithoutIt), Set.of()), describe(jdk, Set.of()));
    }

    @Test
    public void getNotModified() throws Exception {
        same(always(x -> {
            x.read();
            x.reply(304, "Not Modified", new byte[0], "ETag: \"e1\"", "opc-request-id: req-304");
        }), c -> c.get("\"e1\""));
    }

    @Test
    public void getNotFound() throws Exception {
        same(always(ociError(404, "Not Found", "ObjectNotFound", "The object 'u1/photo 1.jpg' was not found")), c -> c.get(null));
    }

    /** A download whose connection drops after part of the declared length fails the reader; it never ends early. */
    @Test
    public void getCutShort() throws Exception {
        same(always(cutShort("image/jpeg", MIB, 300_000)), c -> c.get(null));
    }

    /** A GET whose connection closes before any answer is not sent again either. */
    @Test
    public void getClosedBeforeAnyAnswer() throws Exception {
        same(firstThen(closeWithoutAnswer(), binary(SMALL)), c -> c.get(null));
    }

    /**
     * A kept-alive connection the server closed while it was idle: the next call on it fails
     * (nothing is sent again); after two idle seconds a connection is checked first, as Apache
     * HttpClient checks it, and the call goes out on a new one.
     */
    @Test
    public void keptAliveConnectionClosedByTheServer() throws Exception {
        Script closesAfterAnswer = always(x -> {
            x.read();
            x.reply(204, "No Content", new byte[0], "opc-request-id: req-delete");
            x.close();
        });
        same(closesAfterAnswer, twoDeletes(100));
        same(closesAfterAnswer, twoDeletes(2_200));
        Run jdk = jdk(closesAfterAnswer, twoDeletes(2_200));
        assertEquals(jdk.outcome(), 2, jdk.requests().size());
        assertTrue(jdk.outcome(), jdk.outcome().endsWith("then ok status=204 headers={opc-request-id=[req-delete]} id=req-delete"));
    }

    /** Part of a download, then silence: the reader's read times out. */
    @Test
    public void getStalledMidBody() throws Exception {
        same(always(x -> {
            x.read();
            x.write("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nopc-request-id: req-stall\r\nContent-Length: "
                    + MIB.length + "\r\n\r\n");
            x.write(java.util.Arrays.copyOf(MIB, 100_000));
            x.stall(SdkCalls.READ_TIMEOUT_MS * 3L);
        }), c -> c.get(null));
    }

    /** Two DeleteObject calls with a pause between them. */
    private static Function<SdkCalls, String> twoDeletes(long pauseMillis) {
        return c -> {
            String first = c.delete();
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return first + "\n   then " + c.delete();
        };
    }

    @Test
    public void getReadTimeout() throws Exception {
        same(always(stall()), c -> c.get(null));
    }

    @Test
    public void head() throws Exception {
        same(always(x -> {
            x.read();
            x.reply(200, "OK", new byte[0], "Content-Length: 1048576", "ETag: \"e1\"", "Content-MD5: bWQ1",
                    "opc-request-id: req-head", "Content-Type: image/jpeg");
        }), SdkCalls::head);
    }

    /** OCI answers a HEAD's error without a body; the SDK makes a message of its own. */
    @Test
    public void headNotFound() throws Exception {
        same(always(x -> {
            x.read();
            x.reply(404, "Not Found", new byte[0], "opc-request-id: req-head", "Content-Length: 0");
        }), SdkCalls::head);
    }

    @Test
    public void delete() throws Exception {
        same(always(x -> {
            x.read();
            x.reply(204, "No Content", new byte[0], "opc-request-id: req-delete");
        }), SdkCalls::delete);
    }

    /** Sent again, a DELETE that succeeded the first time would report 404. */
    @Test
    public void deleteClosedBeforeAnyAnswer() throws Exception {
        same(firstThen(closeWithoutAnswer(), ociError(404, "Not Found", "ObjectNotFound", "gone")), SdkCalls::delete);
    }

    @Test
    public void list() throws Exception {
        same(always(json("{\"objects\":[{\"name\":\"u1/a.jpg\",\"size\":10,\"md5\":\"bWQ1\"}],\"nextStartWith\":\"u1/b.jpg\"}",
                "opc-request-id: req-list")), SdkCalls::list);
    }

    @Test
    public void listServiceUnavailable() throws Exception {
        same(always(ociError(503, "Service Unavailable", "ServiceUnavailable", "try later")), SdkCalls::list);
    }

    /**
     * Deliberate: a redirect is never followed. Jersey (Apache) follows a GET's 302 and sends the
     * signed headers to wherever the Location points; the signature covers the first target, so
     * OCI would refuse the second request anyway, and a redirect to another host would hand it
     * a valid signed request. jdk-http hands the SDK the 302, which reports it as an error status.
     */
    @Test
    public void redirectIsNotFollowed() throws Exception {
        Script redirect = firstThen(x -> {
            x.read();
            x.reply(302, "Found", new byte[0], "Location: /elsewhere", "opc-request-id: req-302", "Content-Length: 0");
        }, binary(SMALL));
        Run jersey = jersey(redirect, c -> c.get(null));
        assertEquals("Jersey follows the redirect", 2, jersey.requests().size());
        assertEquals("/elsewhere", jersey.requests().get(1).target());
        assertTrue("and sends the signature there", jersey.requests().get(1).header("authorization") != null);
        Run jdk = jdk(redirect, c -> c.get(null));
        assertEquals(1, jdk.requests().size());
        assertTrue(jdk.outcome(), jdk.outcome().startsWith("BmcException status=302 "));
        assertTrue(jdk.outcome(), jdk.outcome().contains("clientSide=false"));
    }
}
