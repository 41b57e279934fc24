package dev.ocifn.pictures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fnproject.fn.testing.FnResult;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.FunctionContractTest;
import dev.ocifn.testkit.FunctionSpec;
import dev.ocifn.testkit.GatewayCall;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import org.junit.Before;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static dev.ocifn.pictures.TestPictures.JPEG_MAGIC;
import static dev.ocifn.pictures.TestPictures.PNG_MAGIC;
import static dev.ocifn.pictures.TestPictures.form;
import static dev.ocifn.pictures.TestPictures.formType;
import static dev.ocifn.pictures.TestPictures.picture;
import static dev.ocifn.pictures.TestPictures.send;
import static dev.ocifn.pictures.TestPictures.sendAsOwner;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** pictures-fn's own behaviour; the shared edge (errors, auth, limits, logs) is the inherited contract. */
public class PicturesFunctionTest extends FunctionContractTest {
    static final String BUCKET = "pictures-bucket";
    private static final String PICTURE_URL = "/pictures/john/a.jpg";
    /** What the contract's call downloads: a JPEG whose content must never reach the log. */
    private static final InMemoryBucket.Stored CONTRACT_PICTURE =
            InMemoryBucket.stored("image/jpeg", marked(picture(JPEG_MAGIC, 1_000, 19)));

    private InMemoryBucket bucket;

    public PicturesFunctionTest() {
        super(FunctionSpec.of(PicturesFunction.class, "pictures-fn")
                // The gateway sets the subject header from the token; isolation is on by default.
                .call(GatewayCall.of("GET", PICTURE_URL).withHeader("X-User-Id", TestPictures.OWNER))
                .answer(() -> InMemoryBucket.getAnswer(CONTRACT_PICTURE))
                // A GET has no body: the body-limit case uploads.
                .bodyCall(GatewayCall.of("PUT", PICTURE_URL).withHeader("X-User-Id", TestPictures.OWNER)
                        .withBody("image/jpeg", CONTRACT_PICTURE.bytes()))
                // With the namespace configured, the contract's call is exactly one OCI call, the GetObject.
                .contractConfig("NAMESPACE", InMemoryBucket.NAMESPACE)
                .client("ObjectStorageClient")
                .allows(PicturesFunction.OBJECT_METHODS)
                .neverLogs("SECRET-PICTURE-CONTENT", CONTRACT_PICTURE.md5()));
    }

    @Before
    public void installBucket() {
        bucket = new InMemoryBucket(BUCKET).install(oci);
        fn.setConfig("BUCKET_NAME", BUCKET);
    }

    @Override
    protected void alsoCheck(Case c, FnResult result) {
        if (c == Case.SIGNED_AS_RESOURCE_PRINCIPAL) {
            assertArrayEquals(CONTRACT_PICTURE.bytes(), result.getBodyAsBytes());
            assertEquals("/n/testns/b/" + BUCKET + "/o/john%2Fa.jpg", oci.onlyRequest().rawPath());
        }
    }

    /** The picture with a marker inside that a log must never show. */
    private static byte[] marked(byte[] jpeg) {
        byte[] marker = "SECRET-PICTURE-CONTENT".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, jpeg, 100, marker.length);
        return jpeg;
    }

    private List<FnResult> run() {
        return runAll();
    }

    private static JsonNode body(FnResult r) {
        return json(r);
    }

    private static String header(FnResult r, String name) {
        return FnGateway.header(r, name).orElse(null);
    }

    /** The calls on objects (not the namespace lookup, not the listing) with this method. */
    private List<RecordedRequest> sent(String method) {
        return oci.requests().stream().filter(r -> r.method().equals(method) && r.rawPath().contains("/o/"))
                .collect(Collectors.toList());
    }

    @Test
    public void multipartUploadRoundTripsEveryByte() throws Exception {
        byte[] jpeg = picture(JPEG_MAGIC, 50_000, 1);
        sendAsOwner(fn, "POST", "/pictures/john/avatar.jpg", formType(), form("fileUpload", "avatar.jpg", "image/jpeg", jpeg)).enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/avatar.jpg").enqueue();
        List<FnResult> results = run();

        FnResult created = results.get(0);
        assertEquals(created.getBodyAsString(), 201, FnGateway.status(created));
        JsonNode answer = body(created);
        InMemoryBucket.Stored stored = bucket.object("john/avatar.jpg");
        assertNotNull(stored);
        assertArrayEquals(jpeg, stored.bytes());
        assertEquals("john/avatar.jpg", answer.get("name").asText());
        assertEquals(jpeg.length, answer.get("size").asInt());
        assertEquals("image/jpeg", answer.get("contentType").asText());
        assertEquals(stored.etag(), answer.get("etag").asText());
        assertEquals(InMemoryBucket.md5(jpeg), answer.get("md5").asText());
        assertEquals(stored.etag(), header(created, "ETag"));
        assertEquals("/pictures/john/avatar.jpg", header(created, "Location"));
        assertEquals("application/json", created.getContentType().orElse(""));

        RecordedRequest put = sent("PUT").get(0);
        assertEquals("/n/testns/b/" + BUCKET + "/o/john%2Favatar.jpg", put.rawPath());
        assertEquals(InMemoryBucket.md5(jpeg), put.header("content-md5").orElse(""));
        assertEquals("image/jpeg", put.header("content-type").orElse(""));
        assertEquals(String.valueOf(jpeg.length), put.header("content-length").orElse(""));

        FnResult got = results.get(1);
        assertEquals(200, FnGateway.status(got));
        assertArrayEquals(jpeg, got.getBodyAsBytes());
        assertEquals("image/jpeg", got.getContentType().orElse(""));
        assertEquals(String.valueOf(jpeg.length), header(got, "Content-Length"));
        assertEquals(stored.etag(), header(got, "ETag"));
        assertEquals("nosniff", header(got, "X-Content-Type-Options"));
        assertNotNull(header(got, "Last-Modified"));
    }

    @Test
    public void rawBodyUploadWithPutRoundTripsEveryByte() throws Exception {
        byte[] png = picture(PNG_MAGIC, 20_000, 2);
        sendAsOwner(fn, "PUT", "/pictures/john/my%20cat.png", "image/png", png).enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/my%20cat.png").enqueue();
        List<FnResult> results = run();

        assertEquals(results.get(0).getBodyAsString(), 201, FnGateway.status(results.get(0)));
        assertEquals("john/my cat.png", body(results.get(0)).get("name").asText());
        assertArrayEquals(png, bucket.object("john/my cat.png").bytes());
        assertEquals("/n/testns/b/" + BUCKET + "/o/john%2Fmy%20cat.png", sent("PUT").get(0).rawPath());
        assertArrayEquals(png, results.get(1).getBodyAsBytes());
        assertEquals("image/png", results.get(1).getContentType().orElse(""));
    }

    @Test
    public void curlWithUnknownExtensionSendsOctetStreamAndTheBytesDecide() throws Exception {
        byte[] webp = TestPictures.webp(3_000);
        sendAsOwner(fn, "POST", "/pictures/john/sticker.webp", formType(),
                form("fileUpload", "sticker.webp", "application/octet-stream", webp)).enqueue();
        FnResult r = runOne();
        assertEquals(r.getBodyAsString(), 201, FnGateway.status(r));
        assertEquals("image/webp", body(r).get("contentType").asText());
        assertEquals("image/webp", bucket.object("john/sticker.webp").contentType());
    }

    @Test
    public void formWithOtherFieldsStillFindsFileUpload() throws Exception {
        byte[] jpeg = picture(JPEG_MAGIC, 5_000, 3);
        byte[] body = new TestPictures.Form().text("caption", "me at the beach")
                .file("fileUpload", "a.jpg", "image/jpeg", jpeg).text("tags", "--\r\n--").end();
        sendAsOwner(fn, "POST", "/pictures/john/a.jpg", formType(), body).enqueue();
        FnResult r = runOne();
        assertEquals(r.getBodyAsString(), 201, FnGateway.status(r));
        assertArrayEquals(jpeg, bucket.object("john/a.jpg").bytes());
    }

    @Test
    public void ifNoneMatchAnswers304WithoutBody() throws Exception {
        InMemoryBucket.Stored s = bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 1_000, 4));
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").withHeader("Fn-Http-H-If-None-Match", s.etag()).enqueue();
        TestPictures.request(fn, "HEAD", "/pictures/john/a.jpg").withHeader("Fn-Http-H-If-None-Match", s.etag()).enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").withHeader("Fn-Http-H-If-None-Match", "stale-etag").enqueue();
        List<FnResult> results = run();

        for (FnResult notModified : results.subList(0, 2)) {
            assertEquals(notModified.getBodyAsString(), 304, FnGateway.status(notModified));
            assertEquals(0, notModified.getBodyAsBytes().length);
            assertEquals(s.etag(), header(notModified, "ETag"));
        }
        assertEquals(200, FnGateway.status(results.get(2)));
        assertArrayEquals(s.bytes(), results.get(2).getBodyAsBytes());
        assertEquals(s.etag(), sent("GET").get(0).header("if-none-match").orElse(""));
        assertEquals(s.etag(), sent("HEAD").get(0).header("if-none-match").orElse(""));
    }

    @Test
    public void headGivesTheHeadersWithoutTheBytes() throws Exception {
        InMemoryBucket.Stored s = bucket.preload("john/a.gif", "image/gif", picture("GIF89a".getBytes(StandardCharsets.US_ASCII), 777, 5));
        TestPictures.request(fn, "HEAD", "/pictures/john/a.gif").enqueue();
        TestPictures.request(fn, "HEAD", "/pictures/john/missing.gif").enqueue();
        List<FnResult> results = run();

        FnResult head = results.get(0);
        assertEquals(200, FnGateway.status(head));
        assertEquals(0, head.getBodyAsBytes().length);
        assertEquals("image/gif", head.getContentType().orElse(""));
        assertEquals("777", header(head, "Content-Length"));
        assertEquals(s.etag(), header(head, "ETag"));

        FnResult missing = results.get(1);
        assertEquals(404, FnGateway.status(missing));
        assertEquals(0, missing.getBodyAsBytes().length);
        assertNotNull(header(missing, "opc-request-id"));
    }

    @Test
    public void deleteAnswers204ThenMissingIs404() throws Exception {
        bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 6));
        bucket.preload("jane/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 7));
        TestPictures.request(fn, "DELETE", "/pictures/john/a.jpg").enqueue();
        TestPictures.request(fn, "DELETE", "/pictures/john/a.jpg").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        List<FnResult> results = run();

        assertEquals(204, FnGateway.status(results.get(0)));
        assertEquals(0, results.get(0).getBodyAsBytes().length);
        assertNull(bucket.object("john/a.jpg"));
        assertNotNull(bucket.object("jane/a.jpg"));
        for (FnResult gone : results.subList(1, 3)) {
            assertEquals(404, FnGateway.status(gone));
            assertEquals("ObjectNotFound", body(gone).get("code").asText());
            assertEquals(header(gone, "opc-request-id"), body(gone).get("opcRequestId").asText());
        }
    }

    @Test
    public void listPagesThroughOneUsersPicturesOnly() throws Exception {
        for (String name : List.of("a.jpg", "b.png", "c.gif", "d.webp", "e.bin")) {
            bucket.preload("john/" + name, "image/jpeg", picture(JPEG_MAGIC, 10 + name.charAt(0), 8));
        }
        bucket.preload("johnny/x.jpg", "image/jpeg", picture(JPEG_MAGIC, 10, 9));
        bucket.preload("jane/y.jpg", "image/jpeg", picture(JPEG_MAGIC, 10, 9));
        TestPictures.request(fn, "GET", "/pictures/john?limit=2").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john?limit=2&page=c.gif").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john?limit=2&page=e.bin").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john").enqueue();
        List<FnResult> results = run();

        JsonNode first = body(results.get(0));
        assertEquals(200, FnGateway.status(results.get(0)));
        assertEquals(2, first.get("items").size());
        JsonNode a = first.get("items").get(0);
        assertEquals("a.jpg", a.get("name").asText());
        assertEquals(10 + 'a', a.get("size").asInt());
        assertEquals("image/jpeg", a.get("contentType").asText());
        assertEquals(bucket.object("john/a.jpg").etag(), a.get("etag").asText());
        assertEquals(bucket.object("john/a.jpg").md5(), a.get("md5").asText());
        assertTrue(a.get("timeCreated").asText().endsWith("Z"));
        assertEquals("image/png", first.get("items").get(1).get("contentType").asText());
        assertEquals("c.gif", first.get("nextPage").asText());
        assertEquals("c.gif", header(results.get(0), "opc-next-page"));

        JsonNode second = body(results.get(1));
        assertEquals("c.gif", second.get("items").get(0).get("name").asText());
        assertEquals("image/webp", second.get("items").get(1).get("contentType").asText());
        assertEquals("e.bin", second.get("nextPage").asText());

        JsonNode last = body(results.get(2));
        assertEquals(1, last.get("items").size());
        assertFalse(last.get("items").get(0).has("contentType"));
        assertFalse(last.has("nextPage"));
        assertNull(header(results.get(2), "opc-next-page"));

        assertEquals(5, body(results.get(3)).get("items").size());

        List<RecordedRequest> lists = oci.requests().stream().filter(r -> r.method().equals("GET") && r.rawPath().endsWith("/o")).collect(Collectors.toList());
        assertEquals(4, lists.size());
        assertEquals("john/", lists.get(0).query("prefix").orElse(""));
        assertEquals("2", lists.get(0).query("limit").orElse(""));
        assertFalse(lists.get(0).query("start").isPresent());
        assertEquals("john/c.gif", lists.get(1).query("start").orElse(""));
        assertEquals(PictureStore.LIST_FIELDS, lists.get(1).query("fields").orElse(""));
        assertEquals("100", lists.get(3).query("limit").orElse(""));
    }

    @Test
    public void aNextPageWithASpaceIsTakenBack() throws Exception {
        // A file name may hold a space, so the nextPage handed out may too.
        for (String name : List.of("a.jpg", "my holiday.jpg", "z.jpg")) {
            bucket.preload("john/" + name, "image/jpeg", picture(JPEG_MAGIC, 10, 8));
        }
        TestPictures.request(fn, "GET", "/pictures/john?limit=1").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john?limit=1&page=my%20holiday.jpg").enqueue();
        List<FnResult> results = run();

        assertEquals("my holiday.jpg", body(results.get(0)).get("nextPage").asText());
        assertEquals("my holiday.jpg", header(results.get(0), "opc-next-page"));
        assertEquals(200, FnGateway.status(results.get(1)));
        JsonNode second = body(results.get(1));
        assertEquals("my holiday.jpg", second.get("items").get(0).get("name").asText());
        assertEquals("z.jpg", second.get("nextPage").asText());
    }

    @Test
    public void namespaceIsLookedUpOncePerContainer() throws Exception {
        byte[] jpeg = picture(JPEG_MAGIC, 500, 10);
        sendAsOwner(fn, "PUT", "/pictures/john/a.jpg", "image/jpeg", jpeg).enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john").enqueue();
        List<FnResult> results = run();
        assertEquals(List.of(201, 200, 200), results.stream().map(FnGateway::status).collect(Collectors.toList()));
        long lookups = oci.requests().stream().filter(r -> r.rawPath().matches("/n/?")).count();
        assertEquals(1, lookups);
    }

    @Test
    public void configuredNamespaceSkipsTheLookup() throws Exception {
        fn.setConfig("NAMESPACE", InMemoryBucket.NAMESPACE);
        bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 11));
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        assertEquals(200, FnGateway.status(runOne()));
        assertEquals("/n/testns/b/" + BUCKET + "/o/john%2Fa.jpg", oci.onlyRequest().rawPath());
    }

    @Test
    public void missingBucketNameIsA500NamingIt() throws Exception {
        fn.setConfig("BUCKET_NAME", "");
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        FnResult r = runOne();
        assertEquals(500, FnGateway.status(r));
        assertEquals("FunctionMisconfigured", body(r).get("code").asText());
        assertTrue(body(r).get("message").asText().contains("BUCKET_NAME"));
        assertTrue(oci.requests().isEmpty());
    }

    /**
     * PutObject is signed without its body (OCI's rule for uploads), so the test server must
     * exempt exactly that call; every other call is signed over date, request target and host.
     */
    @Test
    public void putIsSignedWithoutTheBodyAndEveryOtherCallInFull() throws Exception {
        byte[] jpeg = picture(JPEG_MAGIC, 1_000, 12);
        sendAsOwner(fn, "PUT", "/pictures/john/a.jpg", "image/jpeg", jpeg).enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        TestPictures.request(fn, "HEAD", "/pictures/john/a.jpg").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john").enqueue();
        TestPictures.request(fn, "DELETE", "/pictures/john/a.jpg").enqueue();
        List<FnResult> results = run();
        assertEquals(List.of(201, 200, 200, 200, 204), results.stream().map(FnGateway::status).collect(Collectors.toList()));
        assertTrue(oci.rejections().toString(), oci.rejections().isEmpty());

        for (RecordedRequest r : oci.requests()) {
            String signed = signedHeaders(r);
            assertTrue(r.method() + " " + signed, signed.startsWith("date (request-target) host"));
            if (r.method().equals("PUT")) {
                assertFalse("PutObject must not sign its body: " + signed, signed.contains("x-content-sha256"));
                assertFalse(r.header("x-content-sha256").isPresent());
            }
        }
        assertEquals(6, oci.requests().size()); // namespace, put, get, head, list, delete
    }

    /**
     * Without the exemption the same PUT is refused: the exemption is needed, and it is narrow.
     * The caller gets OCI's 401 as it is. (The SDK's Jersey client used to turn this into a 504:
     * after the 401 it re-sent the PUT from a stream it had not rewound.)
     */
    @Test
    public void aServerThatWantsTheBodySignedRefusesThePut() throws Exception {
        try (FakeOciServer strict = FakeOciServer.start(new TrustStore().trust(principal))) {
            strict.on("GET", "/n/?", r -> StubResponse.json(200, "\"" + InMemoryBucket.NAMESPACE + "\""));
            fn.setConfig("OCI_ENDPOINT", strict.endpoint());
            sendAsOwner(fn, "PUT", "/pictures/john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 13)).enqueue();
            FnResult r = runOne();
            assertEquals(r.getBodyAsString(), 401, FnGateway.status(r));
            assertEquals("NotAuthenticated", body(r).get("code").asText());
            assertNotNull(body(r).get("opcRequestId"));
            assertFalse(strict.rejections().isEmpty());
            for (String rejection : strict.rejections()) {
                assertTrue(rejection, rejection.startsWith("PUT /n/testns/b/") && rejection.contains("must sign"));
            }
            assertEquals(1, strict.requests().size()); // the namespace lookup held
        }
    }

    @Test
    public void uploadCorruptedOnTheWayIsRefusedByOciAndNothingIsStored() throws Exception {
        bucket.corruptNextPut();
        sendAsOwner(fn, "PUT", "/pictures/john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 2_000, 14)).enqueue();
        FnResult r = runOne();
        assertEquals(400, FnGateway.status(r));
        assertEquals("UnmatchedContentMD5", body(r).get("code").asText());
        assertNotNull(body(r).get("opcRequestId"));
        assertTrue(bucket.objects().isEmpty());
    }

    /** The contract passes OCI's errors on for a read; an upload's throttling goes back the same way, not retried. */
    @Test
    public void throttledUploadPassesOnWithoutRetry() throws Exception {
        oci.enqueue(StubResponse.json(200, "\"" + InMemoryBucket.NAMESPACE + "\""));
        oci.enqueue(StubResponse.error(429, "TooManyRequests", "slow down").header("opc-request-id", "OPC-429"));
        sendAsOwner(fn, "PUT", "/pictures/john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 15)).enqueue();
        FnResult r = runOne();
        assertEquals(429, FnGateway.status(r));
        assertEquals("TooManyRequests", body(r).get("code").asText());
        assertEquals("OPC-429", body(r).get("opcRequestId").asText());
        assertEquals("OPC-429", header(r, "opc-request-id"));
        assertEquals(2, oci.requests().size()); // the namespace, then one PUT: no SDK retries
        assertTrue(bucket.objects().isEmpty());
    }

    @Test
    public void objectTooLargeForAFunctionAnswerIsRedirectedNotTruncated() throws Exception {
        bucket.preload("john/huge.jpg", "image/jpeg", picture(JPEG_MAGIC, (int) PictureStore.MAX_DOWNLOAD + 1, 16));
        TestPictures.request(fn, "GET", "/pictures/john/huge.jpg").enqueue();
        FnResult r = runOne();
        assertEquals(307, FnGateway.status(r));
        assertTrue(header(r, "Location").startsWith(oci.endpoint() + "/p/"));
        assertEquals(0, r.getBodyAsBytes().length);
    }

    @Test
    public void objectsOfOtherTypesAreServedAsOpaqueBytes() throws Exception {
        byte[] html = "<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII);
        bucket.preload("john/page.jpg", "text/html", html);
        TestPictures.request(fn, "GET", "/pictures/john/page.jpg").enqueue();
        FnResult r = runOne();
        assertEquals(200, FnGateway.status(r));
        assertArrayEquals(html, r.getBodyAsBytes());
        assertEquals("application/octet-stream", r.getContentType().orElse(""));
        assertEquals("nosniff", header(r, "X-Content-Type-Options"));
    }

    @Test
    public void routesAndMethodsOutsideTheApiAreRefused() throws Exception {
        // Other methods on a picture: the contract's wrong-method case.
        TestPictures.request(fn, "DELETE", "/pictures/john").enqueue();
        TestPictures.request(fn, "GET", "/pictures").enqueue();
        TestPictures.request(fn, "GET", "/other/x/y/z").enqueue();
        fn.givenEvent().withBody("{}").enqueue(); // plain fn invoke: no path
        List<FnResult> results = run();
        assertEquals(405, FnGateway.status(results.get(0)));
        assertEquals("GET", header(results.get(0), "Allow"));
        assertEquals(404, FnGateway.status(results.get(1)));
        assertEquals(404, FnGateway.status(results.get(2)));
        assertEquals(400, FnGateway.status(results.get(3)));
        assertTrue(body(results.get(3)).get("message").asText().startsWith("path: "));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void pathWithoutDeploymentPrefixIsUnderstoodToo() throws Exception {
        bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 17));
        TestPictures.request(fn, "GET", "/john/a.jpg").enqueue();
        TestPictures.request(fn, "GET", "/v1/pictures/john/a.jpg?x=1").enqueue();
        TestPictures.request(fn, "GET", "/john").enqueue();
        List<FnResult> results = run();
        assertEquals(200, FnGateway.status(results.get(0)));
        assertEquals(200, FnGateway.status(results.get(1)));
        assertEquals("a.jpg", body(results.get(2)).get("items").get(0).get("name").asText());
    }

    /** The contract keeps a download's bytes out of the log; an upload's bytes and digest stay out too. */
    @Test
    public void uploadsAndDeletionsAreLoggedWithoutThePicture() throws Exception {
        byte[] jpeg = marked(picture(JPEG_MAGIC, 1_000, 18));
        sendAsOwner(fn, "POST", "/pictures/john/a.jpg", formType(), form("fileUpload", "a.jpg", "image/jpeg", jpeg)).enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        TestPictures.request(fn, "DELETE", "/pictures/john/a.jpg").enqueue();
        List<FnResult> results = run();
        assertEquals(List.of(201, 200, 204), results.stream().map(FnGateway::status).collect(Collectors.toList()));
        String log = fn.getStdErrAsString();
        assertTrue(log, log.contains("pictures-fn POST /pictures/john/a.jpg 201 "));
        assertTrue(log, log.contains("pictures-fn DELETE /pictures/john/a.jpg 204 "));
        assertFalse(log.contains(principal.rpst()));
        assertFalse(log.contains("PRIVATE KEY"));
        assertFalse(log.contains("SECRET-PICTURE-CONTENT"));
        assertFalse(log.contains(InMemoryBucket.md5(jpeg)));
    }

    private static String signedHeaders(RecordedRequest r) {
        String auth = r.header("authorization").orElse("");
        int at = auth.indexOf("headers=\"");
        return auth.substring(at + 9, auth.indexOf('"', at + 9));
    }
}
