package dev.ocifn.localoci.objectstorage;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.model.CreatePreauthenticatedRequestDetails.AccessType;
import com.oracle.bmc.objectstorage.model.CreatePreauthenticatedRequestDetails;
import com.oracle.bmc.objectstorage.model.PreauthenticatedRequest;
import com.oracle.bmc.objectstorage.requests.CreatePreauthenticatedRequestRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import dev.ocifn.localoci.Harness;
import dev.ocifn.localoci.LocalOci;
import dev.ocifn.ocifake.GeneratedBytes;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Pre-authenticated requests created with the real SDK and used with plain HTTP and no
 * signature, as curl uses them: one object, the access granted, until they expire.
 */
public class PreauthenticatedRequestsTest {
    private static final String BUCKET = "pictures";

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Harness oci;
    private ObjectStorageClient storage;

    @Before
    public void start() throws Exception {
        oci = new Harness(Harness.SHIPPED_DATA, dir.newFolder("store").toPath());
        oci.local.createBucket(BUCKET);
        storage = oci.client(ObjectStorageClient.builder());
    }

    @After
    public void stop() throws Exception {
        oci.close();
    }

    private PreauthenticatedRequest par(String object, AccessType access, long seconds) {
        return storage.createPreauthenticatedRequest(CreatePreauthenticatedRequestRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .createPreauthenticatedRequestDetails(CreatePreauthenticatedRequestDetails.builder()
                        .name("test-par").objectName(object).accessType(access)
                        .timeExpires(Date.from(Instant.now().plusSeconds(seconds))).build())
                .build()).getPreauthenticatedRequest();
    }

    private URI url(PreauthenticatedRequest par) {
        return URI.create(oci.local.endpoint() + par.getAccessUri());
    }

    /** Deterministic bytes of any length, generated as they are read. */
    static InputStream generated(long size, long seed) {
        return GeneratedBytes.stream(size, seed, new byte[0]);
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private HttpResponse<byte[]> put(URI uri, long size, long seed, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> generated(size, seed)), size));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return oci.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, URI uri) throws Exception {
        return oci.http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    public void aWriteParStoresAStreamedObjectLikeAnyOther() throws Exception {
        PreauthenticatedRequest write = par("john/big photo.jpg", AccessType.ObjectWrite, 300);
        assertTrue(write.getAccessUri(), write.getAccessUri().startsWith("/p/"));
        assertTrue(write.getAccessUri().endsWith("/n/localns/b/pictures/o/john%2Fbig%20photo.jpg"));
        assertEquals(oci.local.endpoint() + write.getAccessUri(), write.getFullPath());
        assertEquals("john/big photo.jpg", write.getObjectName());
        long size = 20L * 1024 * 1024 + 7;
        HttpResponse<byte[]> put = put(url(write), size, 1, "image/jpeg");
        assertEquals(new String(put.body(), StandardCharsets.UTF_8), 200, put.statusCode());

        GetObjectResponse got = storage.getObject(GetObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName("john/big photo.jpg").build());
        assertEquals(size, (long) got.getContentLength());
        assertEquals("image/jpeg", got.getContentType());
        assertEquals(put.headers().firstValue("opc-content-md5").orElseThrow(), got.getContentMd5());
        assertEquals(sha256(generated(size, 1)), sha256(got.getInputStream()));

        PreauthenticatedRequest read = par("john/big photo.jpg", AccessType.ObjectRead, 300);
        HttpResponse<InputStream> download = oci.http.send(HttpRequest.newBuilder(url(read)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        assertEquals(String.valueOf(size), download.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("image/jpeg", download.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(sha256(generated(size, 1)), sha256(download.body()));
        HttpResponse<byte[]> head = send("HEAD", url(read));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(size), head.headers().firstValue("Content-Length").orElseThrow());
        HttpResponse<byte[]> range = oci.http.send(HttpRequest.newBuilder(url(read)).header("Range", "bytes=0-15").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertEquals(16, range.body().length);
    }

    @Test
    public void aParGrantsOnlyItsAccessOnlyToItsObject() throws Exception {
        storage.putObject(com.oracle.bmc.objectstorage.requests.PutObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName("john/a.jpg").contentLength(3L)
                .putObjectBody(new java.io.ByteArrayInputStream(new byte[]{1, 2, 3})).build());
        storage.putObject(com.oracle.bmc.objectstorage.requests.PutObjectRequest.builder().namespaceName(LocalOci.NAMESPACE)
                .bucketName(BUCKET).objectName("jane/a.jpg").contentLength(3L)
                .putObjectBody(new java.io.ByteArrayInputStream(new byte[]{4, 5, 6})).build());
        PreauthenticatedRequest read = par("john/a.jpg", AccessType.ObjectRead, 300);
        PreauthenticatedRequest write = par("john/b.jpg", AccessType.ObjectWrite, 300);
        assertEquals(404, put(url(read), 10, 2, "image/jpeg").statusCode());
        assertEquals(404, send("GET", url(write)).statusCode());
        assertEquals(404, send("HEAD", url(write)).statusCode());
        assertEquals(404, send("DELETE", url(read)).statusCode());
        String other = url(read).toString().replace("/o/john%2Fa.jpg", "/o/jane%2Fa.jpg");
        assertEquals(404, send("GET", URI.create(other)).statusCode());
        String otherWrite = url(write).toString().replace("/o/john%2Fb.jpg", "/o/jane%2Fa.jpg");
        assertEquals(404, put(URI.create(otherWrite), 10, 3, null).statusCode());
        String forged = url(read).toString().replace("/p/", "/p/x");
        assertEquals(404, send("GET", URI.create(forged)).statusCode());
        assertEquals(200, send("GET", url(read)).statusCode());
        assertEquals(3, storage.headObject(HeadObjectRequest.builder().namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET)
                .objectName("jane/a.jpg").build()).getContentLength().longValue());
        assertThrows(BmcException.class, () -> storage.headObject(HeadObjectRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET).objectName("john/b.jpg").build()));
    }

    @Test
    public void anExpiredParIsRefused() throws Exception {
        PreauthenticatedRequest write = par("john/late.jpg", AccessType.ObjectWrite, 1);
        Thread.sleep(1_200);
        HttpResponse<byte[]> late = put(url(write), 10, 4, "image/jpeg");
        assertEquals(404, late.statusCode());
        assertEquals("NotAuthorizedOrNotFound", Harness.json(late).get("code").asText());
        BmcException past = assertThrows(BmcException.class, () -> par("john/x.jpg", AccessType.ObjectWrite, -5));
        assertEquals(400, past.getStatusCode());
    }

    @Test
    public void aPutThroughAParIsCheckedLikeAnyPut() throws Exception {
        PreauthenticatedRequest write = par("john/c.jpg", AccessType.ObjectWrite, 300);
        String wrongMd5 = Base64.getEncoder().encodeToString(new byte[16]);
        HttpResponse<byte[]> mismatch = oci.http.send(HttpRequest.newBuilder(url(write)).header("Content-MD5", wrongMd5)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1, 2})).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, mismatch.statusCode());
        HttpResponse<byte[]> chunked = oci.http.send(HttpRequest.newBuilder(url(write))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> generated(10, 5))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(411, chunked.statusCode());
        assertFalse(oci.local.buckets().isEmpty());
        assertThrows(BmcException.class, () -> storage.headObject(HeadObjectRequest.builder()
                .namespaceName(LocalOci.NAMESPACE).bucketName(BUCKET).objectName("john/c.jpg").build()));
        // The PAR is not a signed API: no signature needed, and none of its requests is a signature failure.
        assertTrue(oci.local.rejections().isEmpty());
    }
}
