package dev.ocifn.localoci.objectstorage;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.model.Range;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.model.ObjectSummary;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetBucketRequest;
import com.oracle.bmc.objectstorage.requests.GetNamespaceRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.objectstorage.responses.HeadObjectResponse;
import com.oracle.bmc.objectstorage.responses.PutObjectResponse;
import dev.ocifn.localoci.Harness;
import dev.ocifn.localoci.LocalOci;
import dev.ocifn.localoci.OciCall;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Object Storage through the real ObjectStorageClient, on a real store in a temporary folder. */
public class ObjectStorageTest {
    private static final String BUCKET = "pictures";

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Harness oci;
    private ObjectStorageClient storage;
    private Path store;

    @Before
    public void start() throws Exception {
        store = dir.newFolder("store").toPath();
        oci = new Harness(Harness.SHIPPED_DATA, store);
        oci.local.createBucket(BUCKET);
        oci.local.createBucket(BUCKET); // idempotent
        assertEquals(List.of(BUCKET), oci.local.buckets());
        storage = oci.client(ObjectStorageClient.builder());
    }

    @After
    public void stop() throws Exception {
        oci.close();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private PutObjectResponse put(String name, byte[] bytes) {
        return storage.putObject(PutObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .objectName(name).contentLength((long) bytes.length).putObjectBody(new ByteArrayInputStream(bytes)).build());
    }

    private byte[] get(String name) throws Exception {
        GetObjectResponse r = storage.getObject(GetObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName(name).build());
        try (InputStream in = r.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private HeadObjectResponse head(String name) {
        return storage.headObject(HeadObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .objectName(name).build());
    }

    /** HEAD answers carry no body, so the SDK sees only the status. */
    private void assertMissing(String name) {
        try {
            head(name);
            throw new AssertionError(name + " exists");
        } catch (BmcException e) {
            assertEquals(404, e.getStatusCode());
        }
    }

    private ListObjects list(ListObjectsRequest.Builder request) {
        return storage.listObjects(request.namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET).build()).getListObjects();
    }

    @Test
    public void roundTripsBinaryContentAndMetadata() throws Exception {
        assertEquals("localns", storage.getNamespace(GetNamespaceRequest.builder().build()).getValue());
        byte[] bytes = randomBytes(300_000, 1);
        String name = "users/u-1/photo 1+2 é.jpg";
        PutObjectResponse put = storage.putObject(PutObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName(name).contentLength((long) bytes.length).contentType("image/jpeg")
                .contentMD5(md5(bytes)).opcMeta(Map.of("owner", "u-1")).putObjectBody(new ByteArrayInputStream(bytes)).build());
        assertEquals(md5(bytes), put.getOpcContentMd5());
        assertNotNull(put.getETag());
        assertNotNull(put.getLastModified());

        GetObjectResponse got = storage.getObject(GetObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName(name).build());
        try (InputStream in = got.getInputStream()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals("image/jpeg", got.getContentType());
        assertEquals(Long.valueOf(bytes.length), got.getContentLength());
        assertEquals(put.getETag(), got.getETag());
        assertEquals(md5(bytes), got.getContentMd5());
        assertEquals(Map.of("owner", "u-1"), got.getOpcMeta());

        HeadObjectResponse head = head(name);
        assertEquals(Long.valueOf(bytes.length), head.getContentLength());
        assertEquals(put.getETag(), head.getETag());
        assertEquals("image/jpeg", head.getContentType());
        assertEquals(Map.of("owner", "u-1"), head.getOpcMeta());
        assertEquals(put.getLastModified(), head.getLastModified());

        byte[] empty = new byte[0];
        put("empty", empty);
        assertArrayEquals(empty, get("empty"));
        assertEquals(Long.valueOf(0), head("empty").getContentLength());
    }

    @Test
    public void listsInNameOrderWithFieldsPrefixesAndPages() {
        for (String name : List.of("c.txt", "a/2.txt", "b/1.txt", "a/1.txt", "a/sub/3.txt")) {
            put(name, name.getBytes(StandardCharsets.UTF_8));
        }
        ListObjects all = list(ListObjectsRequest.builder().fields("name,size,md5,etag,timeCreated,timeModified"));
        assertEquals(List.of("a/1.txt", "a/2.txt", "a/sub/3.txt", "b/1.txt", "c.txt"),
                all.getObjects().stream().map(ObjectSummary::getName).toList());
        ObjectSummary first = all.getObjects().get(0);
        assertEquals(Long.valueOf(7), first.getSize());
        assertNotNull(first.getMd5());
        assertNotNull(first.getEtag());
        assertNotNull(first.getTimeCreated());
        assertNull(all.getNextStartWith());

        ObjectSummary bare = list(ListObjectsRequest.builder()).getObjects().get(0);
        assertNull("only name unless asked", bare.getSize());

        ListObjects underA = list(ListObjectsRequest.builder().prefix("a/").delimiter("/"));
        assertEquals(List.of("a/1.txt", "a/2.txt"), underA.getObjects().stream().map(ObjectSummary::getName).toList());
        assertEquals(List.of("a/sub/"), underA.getPrefixes());

        ListObjects top = list(ListObjectsRequest.builder().delimiter("/"));
        assertEquals(List.of("c.txt"), top.getObjects().stream().map(ObjectSummary::getName).toList());
        assertEquals(List.of("a/", "b/"), top.getPrefixes());

        ListObjects page1 = list(ListObjectsRequest.builder().limit(2));
        assertEquals(List.of("a/1.txt", "a/2.txt"), page1.getObjects().stream().map(ObjectSummary::getName).toList());
        assertEquals("a/sub/3.txt", page1.getNextStartWith());
        ListObjects page2 = list(ListObjectsRequest.builder().limit(2).start(page1.getNextStartWith()));
        assertEquals(List.of("a/sub/3.txt", "b/1.txt"), page2.getObjects().stream().map(ObjectSummary::getName).toList());
        assertEquals("c.txt", page2.getNextStartWith());

        Harness.refused(400, "InvalidParameter", "fields",
                () -> list(ListObjectsRequest.builder().fields("name,colour")));
    }

    @Test
    public void aWrongContentMd5StoresNothing() throws Exception {
        byte[] bytes = randomBytes(1000, 2);
        String wrong = md5(new byte[]{1});
        Harness.refused(400, "UnmatchedContentMd5", "does not match the Content-MD5 header",
                () -> storage.putObject(PutObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                        .objectName("x.bin").contentLength((long) bytes.length).contentMD5(wrong)
                        .putObjectBody(new ByteArrayInputStream(bytes)).build()));
        assertMissing("x.bin");
        try (Stream<Path> files = Files.walk(store)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".data")));
        }
    }

    @Test
    public void conditionsOnEtags() throws Exception {
        String etag = put("doc.txt", "v1".getBytes(StandardCharsets.UTF_8)).getETag();
        GetObjectResponse unchanged = storage.getObject(GetObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName("doc.txt").ifNoneMatch(etag).build());
        assertTrue(unchanged.isNotModified());
        assertEquals(etag, unchanged.getETag());

        Harness.refused(412, "IfMatchFailed", "If-Match", () -> storage.getObject(GetObjectRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET).objectName("doc.txt").ifMatch("other").build()));
        Harness.refused(412, "IfNoneMatchFailed", "already exists", () -> storage.putObject(PutObjectRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET).objectName("doc.txt").ifNoneMatch("*")
                .contentLength(2L).putObjectBody(new ByteArrayInputStream("v2".getBytes(StandardCharsets.UTF_8))).build()));
        assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), get("doc.txt"));

        String v2 = storage.putObject(PutObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .objectName("doc.txt").ifMatch(etag).contentLength(2L)
                .putObjectBody(new ByteArrayInputStream("v2".getBytes(StandardCharsets.UTF_8))).build()).getETag();
        assertFalse(v2.equals(etag));
        GetObjectResponse part = storage.getObject(GetObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName("doc.txt").range(new Range(1L, 1L)).build());
        try (InputStream in = part.getInputStream()) {
            assertArrayEquals("2".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }

    @Test
    public void deletesAndAnswers404sAsOciDoes() {
        put("gone.txt", new byte[]{1, 2, 3});
        storage.deleteObject(DeleteObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .objectName("gone.txt").build());
        Harness.refused(404, "ObjectNotFound", "gone.txt", () -> storage.deleteObject(DeleteObjectRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET).objectName("gone.txt").build()));
        Harness.refused(404, "BucketNotFound", "nosuchbucket", () -> storage.getObject(GetObjectRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName("nosuchbucket").objectName("a").build()));
        Harness.refused(404, "BucketNotFound", "pictures", () -> storage.getObject(GetObjectRequest.builder()
                .namespaceName("othernamespace").bucketName(BUCKET).objectName("a").build()));
        assertEquals(BUCKET, storage.getBucket(GetBucketRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).build()).getBucket().getName());
    }

    @Test
    public void refusesNamesObjectStorageRefuses() {
        Harness.refused(400, "InvalidParameter", "1 to 1024", () -> put("x".repeat(1025), new byte[1]));
        Harness.refused(400, "InvalidParameter", "line feed", () -> put("a\nb", new byte[1]));
        put("y".repeat(1024), new byte[1]);
    }

    @Test
    public void survivesARestart() throws Exception {
        byte[] bytes = randomBytes(50_000, 3);
        put("keep/me.bin", bytes);
        put("replaced.txt", "old".getBytes(StandardCharsets.UTF_8));
        put("replaced.txt", "new".getBytes(StandardCharsets.UTF_8));
        put("deleted.txt", "x".getBytes(StandardCharsets.UTF_8));
        storage.deleteObject(DeleteObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .objectName("deleted.txt").build());

        oci.restart();
        storage = oci.client(ObjectStorageClient.builder());
        assertArrayEquals(bytes, get("keep/me.bin"));
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), get("replaced.txt"));
        assertEquals(List.of("keep/me.bin", "replaced.txt"),
                list(ListObjectsRequest.builder()).getObjects().stream().map(ObjectSummary::getName).toList());
        try (Stream<Path> files = Files.walk(store)) {
            assertEquals("one content file per object", 2, files.filter(f -> f.toString().endsWith(".data")).count());
        }
    }

    @Test
    public void traversalShapedNamesStayInsideTheStore() throws Exception {
        List<String> names = List.of("../../escape", "..", ".", "/etc/passwd", "a/../../../b", "..\\..\\win", "%2e%2e");
        for (String name : names) {
            put(name, name.getBytes(StandardCharsets.UTF_8));
        }
        for (String name : names) {
            assertArrayEquals(name, name.getBytes(StandardCharsets.UTF_8), get(name));
        }
        assertEquals(names.stream().sorted().toList(),
                list(ListObjectsRequest.builder()).getObjects().stream().map(ObjectSummary::getName).toList());
        try (Stream<Path> files = Files.list(dir.getRoot().toPath())) {
            assertEquals("nothing next to the store", List.of("store"),
                    files.map(f -> f.getFileName().toString()).toList());
        }
        try (Stream<Path> files = Files.walk(store)) {
            files.forEach(f -> assertTrue(f.toString(), f.normalize().startsWith(store)
                    && !f.getFileName().toString().contains("escape") && !f.getFileName().toString().contains("passwd")));
        }

        // Sent unencoded, as a careless client might, the path still names an object, not a file.
        var raw = oci.signed("GET", "/n/localns/b/pictures/o/../../escape", null, null);
        assertEquals(200, raw.statusCode());
        assertArrayEquals("../../escape".getBytes(StandardCharsets.UTF_8), raw.body());
    }

    @Test
    public void unsignedOrBadlySignedPutsChangeNothing() throws Exception {
        URI uri = URI.create(oci.local.endpoint() + "/n/localns/b/pictures/o/" + URLEncoder.encode("intruder.txt", StandardCharsets.UTF_8));
        HttpResponse<String> unsigned = oci.http.send(HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.ofString("boo")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode());
        assertTrue(unsigned.body().contains("NotAuthenticated"));

        // Signed for one object, sent to another: the (request-target) no longer matches.
        var signedElsewhere = oci.signed("PUT", "/n/localns/b/pictures/o/allowed.txt", "text/plain", "boo".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, signedElsewhere.statusCode());
        HttpRequest.Builder forged = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString("boo"));
        for (String header : List.of("authorization", "date", "content-type", "x-content-sha256")) {
            signedElsewhere.request().headers().firstValue(header).ifPresent(v -> forged.header(header, v));
        }
        assertEquals(401, oci.http.send(forged.build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        assertMissing("intruder.txt");
        assertTrue(oci.local.rejections().stream().anyMatch(r -> r.contains("signature does not verify")));
        assertTrue(oci.local.calls().stream().allMatch(OciCall::resourcePrincipal));
        assertEquals(Arrays.asList(oci.principal.tenancyId()),
                oci.local.calls().stream().map(OciCall::tenancyId).distinct().toList());
    }

    @Test
    public void aDeniedOperationIsAnsweredAsWithoutAPolicyAndTheOthersStillWork() {
        oci.local.deny(Set.of("ListObjects"));
        BmcException denied = assertThrows(BmcException.class, () -> storage.listObjects(
                ListObjectsRequest.builder().namespaceName(oci.local.namespace()).bucketName(BUCKET).build()));
        assertEquals(404, denied.getStatusCode());
        assertEquals("NotAuthorizedOrNotFound", denied.getServiceCode());
        assertEquals(oci.local.namespace(), storage.getNamespace(GetNamespaceRequest.builder().build()).getValue());

        oci.local.deny(Set.of());
        assertEquals(0, storage.listObjects(ListObjectsRequest.builder().namespaceName(oci.local.namespace())
                .bucketName(BUCKET).build()).getListObjects().getObjects().size());
    }

    @Test
    public void denyingAnOperationLocalOciDoesNotServeIsRefusedWithTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oci.local.deny(Set.of("ListObject")));
        assertTrue(e.getMessage(), e.getMessage().contains("no operation ListObject; it has [CreateBucket,"));
        assertTrue(e.getMessage(), e.getMessage().contains("ListObjects"));
    }
}
