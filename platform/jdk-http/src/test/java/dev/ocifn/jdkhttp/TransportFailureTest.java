package dev.ocifn.jdkhttp;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StallingServer;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import org.junit.After;
import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * What a function maps to 504 and 502: a read timeout ends with a SocketTimeoutException at the
 * root of the BmcException's causes (as with the SDK's Jersey client), a refused connection is a
 * client-side BmcException with a ConnectException at the root.
 */
public class TransportFailureTest {
    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private FakeOciServer oci;
    private StallingServer stalling;

    @After
    public void stop() throws Exception {
        if (oci != null) {
            oci.close();
        }
        if (stalling != null) {
            stalling.close();
        }
    }

    private static SearchResourcesRequest search() {
        return SearchResourcesRequest.builder()
                .searchDetails(StructuredSearchDetails.builder().query("query all resources").build()).build();
    }

    @Test
    public void slowAnswerIsAReadTimeoutWithSocketTimeoutAtTheRoot() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
        oci.enqueue(StubResponse.json(200, "{\"items\":[]}").delayedBy(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal, oci.endpoint(), 2_000, 300)) {
            client.searchResources(search());
            fail("expected a timeout");
        } catch (BmcException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue("took " + ms + " ms", ms < 2_500);
            assertTrue(e.isClientSide());
            assertTrue(e.isTimeout());
            assertTrue(String.valueOf(Clients.rootCause(e)), Clients.rootCause(e) instanceof SocketTimeoutException);
        }
    }

    @Test
    public void refusedConnectionIsClientSideWithConnectExceptionAtTheRoot() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal,
                "http://127.0.0.1:" + port, 1_000, 1_000)) {
            client.searchResources(search());
            fail("expected a failure");
        } catch (BmcException e) {
            assertTrue(e.isClientSide());
            assertEquals(-1, e.getStatusCode());
            Throwable root = Clients.rootCause(e);
            assertTrue(String.valueOf(root), root instanceof ConnectException);
        }
    }

    /** fn-testkit's stalling server: status line, headers and part of the body, then silence. */
    private String stallAfterPartOfTheBody(String contentType, String partialBody, int declaredLength) throws Exception {
        stalling = StallingServer.start(contentType, partialBody, declaredLength);
        return stalling.endpoint();
    }

    @Test
    public void stalledJsonBodyIsAReadTimeoutToo() throws Exception {
        String endpoint = stallAfterPartOfTheBody("application/json", "{\"items\":[", 200);
        long start = System.nanoTime();
        try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal, endpoint, 1_000, 300)) {
            client.searchResources(search());
            fail("expected a timeout");
        } catch (BmcException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue("took " + ms + " ms", ms < 3_000);
            assertTrue(String.valueOf(Clients.rootCause(e)), Clients.rootCause(e) instanceof SocketTimeoutException);
        }
    }

    @Test
    public void stalledDownloadTimesOutWhileTheCallerReads() throws Exception {
        String endpoint = stallAfterPartOfTheBody("application/octet-stream", "0123456789", 100);
        try (ObjectStorageClient client = Clients.build(ObjectStorageClient.builder(), principal, endpoint, 1_000, 300)) {
            GetObjectResponse got = client.getObject(GetObjectRequest.builder().namespaceName("n").bucketName("b")
                    .objectName("o").build());
            try (InputStream in = got.getInputStream()) {
                byte[] first = in.readNBytes(10);
                assertEquals("0123456789", new String(first, StandardCharsets.US_ASCII));
                in.read();
                fail("expected a read timeout");
            } catch (SocketTimeoutException expected) {
                // what a socket read timeout gives the reader
            }
        }
    }

    /**
     * A listening socket that never accepts, its backlog filled: the kernel drops further
     * handshakes, so a connect waits until its timeout, as for a host that does not answer.
     */
    @Test
    public void aConnectTimeoutIsAnUnreachableServiceNotASlowAnswer() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    fillers.add(s);
                    try {
                        s.connect(address, 200);
                    } catch (IOException dropped) {
                        break; // the backlog is full
                    }
                }
                long start = System.nanoTime();
                try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal,
                        "http://127.0.0.1:" + full.getLocalPort(), 300, 5_000)) {
                    client.searchResources(search());
                    fail("expected a connect timeout");
                } catch (BmcException e) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue("took " + ms + " ms", ms < 3_000);
                    assertTrue(e.isClientSide());
                    Throwable root = Clients.rootCause(e);
                    assertTrue(String.valueOf(root), root instanceof ConnectException);
                    assertTrue(root.getSuppressed()[0] instanceof SocketTimeoutException);
                }
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    public void connectTimeoutIsNotMistakenForAReadTimeout() {
        SocketTimeoutException jdk = new SocketTimeoutException("Connect timed out");
        TransportException e = TransportException.connectTimeout("GET host", 1_000, jdk);
        assertTrue(Clients.rootCause(e) instanceof ConnectException);
        assertSame(jdk, Clients.rootCause(e).getSuppressed()[0]);
        TransportException read = TransportException.of("GET host", new SocketTimeoutException("Read timed out"));
        assertTrue(Clients.rootCause(read) instanceof SocketTimeoutException);
    }
}
