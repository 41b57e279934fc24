package dev.ocifn.jdkhttp;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.objectstorage.responses.HeadObjectResponse;
import com.oracle.bmc.objectstorage.responses.ListObjectsResponse;
import com.oracle.bmc.objectstorage.responses.PutObjectResponse;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Object Storage: a streamed upload whose body OCI leaves unsigned, a binary download, HEAD,
 * DELETE and a listing, with object names that need escaping, against a small in-memory bucket.
 */
public class ObjectStorageTest {
    /** Slashes, spaces, plus, non-ASCII and characters Java's URI refuses raw. */
    private static final String NAME = "users/42/a b+c ü|[1]{x}.bin";
    private static final String PATH_PREFIX = "/n/ns1/b/pics/o/";

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private final Map<String, byte[]> bucket = new ConcurrentHashMap<>();
    private FakeOciServer oci;
    private ObjectStorageClient client;

    @Before
    public void start() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
        oci.bodyNotSignedFor((method, rawPath) -> method.equals("PUT") && rawPath.startsWith(PATH_PREFIX));
        oci.on("PUT", "/n/ns1/b/pics/o/.+", req -> {
            bucket.put(objectName(req), req.body());
            return StubResponse.empty(200).header("etag", "etag-1").header("opc-content-md5", "md5==");
        });
        oci.on("GET", "/n/ns1/b/pics/o/.+", req -> {
            byte[] data = bucket.get(objectName(req));
            return data == null ? StubResponse.error(404, "ObjectNotFound", "no such object")
                    : StubResponse.bytes(200, "application/octet-stream", data).header("etag", "etag-1");
        });
        oci.on("HEAD", "/n/ns1/b/pics/o/.+", req -> {
            byte[] data = bucket.get(objectName(req));
            return data == null ? StubResponse.empty(404)
                    : StubResponse.empty(200).header("etag", "etag-1").header("content-length", String.valueOf(data.length))
                    .header("content-type", "image/png");
        });
        oci.on("DELETE", "/n/ns1/b/pics/o/.+", req -> {
            bucket.remove(objectName(req));
            return StubResponse.empty(204);
        });
        oci.on("GET", "/n/ns1/b/pics/o", req -> StubResponse.json(200,
                "{\"objects\":[{\"name\":\"users/42/x.png\",\"size\":3}],\"nextStartWith\":\"users/42/y.png\"}"));
        client = Clients.build(ObjectStorageClient.builder(), principal, oci.endpoint());
    }

    @After
    public void stop() {
        client.close();
        oci.close();
    }

    private static String objectName(RecordedRequest req) {
        return req.path().substring(PATH_PREFIX.length());
    }

    private static byte[] everyByteTwiceWithLineEnds() {
        byte[] data = new byte[512 + 4];
        for (int i = 0; i < 512; i++) {
            data[i] = (byte) i;
        }
        data[512] = '\r';
        data[513] = '\n';
        data[514] = '\n';
        data[515] = '\r';
        return data;
    }

    private PutObjectResponse put(byte[] data) {
        return client.putObject(PutObjectRequest.builder().namespaceName("ns1").bucketName("pics").objectName(NAME)
                .contentType("application/octet-stream").contentLength((long) data.length)
                .putObjectBody(new ByteArrayInputStream(data)).build());
    }

    @Test
    public void putThenGetGivesBackTheSameBytes() throws Exception {
        byte[] data = everyByteTwiceWithLineEnds();
        PutObjectResponse put = put(data);
        assertEquals("etag-1", put.getETag());
        RecordedRequest sent = oci.requests().get(0);
        assertEquals("PUT", sent.method());
        // The name is one path segment: its slashes escaped, and what Java's URI refuses escaped too.
        assertEquals(PATH_PREFIX + "users%2F42%2Fa%20b+c%20%C3%BC%7C%5B1%5D%7Bx%7D.bin", sent.rawPath());
        assertEquals(String.valueOf(data.length), sent.header("content-length").orElse(""));
        assertEquals("application/octet-stream", sent.header("content-type").orElse(""));
        assertArrayEquals(data, bucket.get(NAME));

        GetObjectResponse got = client.getObject(GetObjectRequest.builder().namespaceName("ns1").bucketName("pics")
                .objectName(NAME).build());
        try (InputStream in = got.getInputStream()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(Long.valueOf(data.length), got.getContentLength());
        assertEquals("etag-1", got.getETag());
        assertTrue(oci.rejections().isEmpty());
    }

    @Test
    public void emptyObjectRoundTrip() throws Exception {
        put(new byte[0]);
        assertArrayEquals(new byte[0], bucket.get(NAME));
        GetObjectResponse got = client.getObject(GetObjectRequest.builder().namespaceName("ns1").bucketName("pics")
                .objectName(NAME).build());
        try (InputStream in = got.getInputStream()) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    public void headReportsLengthAndTypeAndDeleteRemoves() {
        put(new byte[] {1, 2, 3, 4, 5});
        HeadObjectResponse head = client.headObject(HeadObjectRequest.builder().namespaceName("ns1").bucketName("pics")
                .objectName(NAME).build());
        assertEquals(Long.valueOf(5), head.getContentLength());
        assertEquals("image/png", head.getContentType());
        assertEquals("etag-1", head.getETag());

        assertEquals(204, client.deleteObject(DeleteObjectRequest.builder().namespaceName("ns1").bucketName("pics")
                .objectName(NAME).build()).get__httpStatusCode__());
        assertFalse(bucket.containsKey(NAME));
        try {
            client.headObject(HeadObjectRequest.builder().namespaceName("ns1").bucketName("pics").objectName(NAME).build());
            fail("expected 404");
        } catch (BmcException e) {
            assertEquals(404, e.getStatusCode());
        }
    }

    @Test
    public void getOfAMissingObjectIs404WithOcisCode() {
        try {
            client.getObject(GetObjectRequest.builder().namespaceName("ns1").bucketName("pics").objectName("nope").build());
            fail("expected 404");
        } catch (BmcException e) {
            assertEquals(404, e.getStatusCode());
            assertEquals("ObjectNotFound", e.getServiceCode());
        }
    }

    @Test
    public void listSendsPrefixAndFieldsAndReadsTheListing() {
        ListObjectsResponse listing = client.listObjects(ListObjectsRequest.builder().namespaceName("ns1").bucketName("pics")
                .prefix("users/42/ä &").fields("name,size").limit(10).build());
        assertEquals("users/42/x.png", listing.getListObjects().getObjects().get(0).getName());
        assertEquals(Long.valueOf(3), listing.getListObjects().getObjects().get(0).getSize());
        assertEquals("users/42/y.png", listing.getListObjects().getNextStartWith());
        RecordedRequest sent = oci.onlyRequest();
        assertEquals("/n/ns1/b/pics/o", sent.rawPath());
        assertEquals("users/42/ä &", sent.query("prefix").orElse(""));
        assertEquals("name,size", sent.query("fields").orElse(""));
    }
}
