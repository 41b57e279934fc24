package dev.ocifn.jdkhttp;

import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import com.oracle.bmc.resourcesearch.responses.SearchResourcesResponse;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.model.BmcException;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.oracle.bmc.http.client.ProxyConfiguration;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Over TLS, as every OCI endpoint is: a JSON call, and an upload with Expect: 100-continue (a
 * streamed body, which waits for the server's 100) and a download of many TLS records.
 */
public class TlsTest {
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private final Map<String, byte[]> bucket = new ConcurrentHashMap<>();
    private SelfSignedTls tls;
    private FakeOciServer oci;

    @Before
    public void start() throws Exception {
        tls = SelfSignedTls.create(folder.getRoot().toPath());
        oci = FakeOciServer.startTls(new TrustStore().trust(principal), tls.server());
        oci.bodyNotSignedFor((method, rawPath) -> method.equals("PUT"));
        oci.on("PUT", "/n/ns1/b/pics/o/.+", req -> {
            bucket.put(req.path(), req.body());
            return StubResponse.empty(200).header("etag", "etag-1");
        });
        oci.on("GET", "/n/ns1/b/pics/o/.+", req -> StubResponse.bytes(200, "application/octet-stream", bucket.get(req.path())));
    }

    @After
    public void stop() {
        oci.close();
    }

    @Test
    public void aJsonCallIsSignedAndAnsweredOverTls() throws Exception {
        assertTrue(oci.endpoint(), oci.endpoint().startsWith("https://127.0.0.1:"));
        oci.enqueue(StubResponse.json(200, "{\"items\":[{\"displayName\":\"vm-1\"}]}").header("opc-request-id", "TLS-1"));
        try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal, oci.endpoint(), tls.client())) {
            SearchResourcesResponse response = client.searchResources(SearchResourcesRequest.builder()
                    .searchDetails(StructuredSearchDetails.builder().query("query all resources").build()).build());
            assertEquals("TLS-1", response.getOpcRequestId());
            assertEquals("vm-1", response.getResourceSummaryCollection().getItems().get(0).getDisplayName());
        }
        assertEquals(1, oci.requests().size());
        assertTrue(oci.rejections().isEmpty());
    }

    @Test
    public void aLargeObjectGoesUpAndComesBackByteForByteOverTls() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(7).nextBytes(data);
        try (ObjectStorageClient client = Clients.build(ObjectStorageClient.builder(), principal, oci.endpoint(), tls.client())) {
            client.putObject(PutObjectRequest.builder().namespaceName("ns1").bucketName("pics").objectName("big.bin")
                    .contentLength((long) SIZE).putObjectBody(new ByteArrayInputStream(data)).build());
            GetObjectResponse got = client.getObject(GetObjectRequest.builder().namespaceName("ns1").bucketName("pics")
                    .objectName("big.bin").build());
            try (InputStream in = got.getInputStream()) {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
        assertEquals(2, oci.requests().size());
        assertTrue(oci.rejections().isEmpty());
    }

    /** The certificate names 127.0.0.1 only: a call to "localhost" is refused in the handshake, as HttpsURLConnection refuses it. */
    @Test
    public void theHostNameIsCheckedAgainstTheCertificate() throws Exception {
        String byName = oci.endpoint().replace("127.0.0.1", "localhost");
        try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal, byName, tls.client())) {
            client.searchResources(search());
            fail("accepted a certificate for another host");
        } catch (BmcException e) {
            assertTrue(e.isClientSide());
            assertTrue(String.valueOf(Clients.rootCause(e)), causes(e, SSLHandshakeException.class));
        }
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void aHostnameVerifierThatRefusesFailsTheCall() throws Exception {
        ResourceSearchClient.Builder builder = ResourceSearchClient.builder();
        builder.additionalClientConfigurator(http -> http.property(StandardClientProperties.HOSTNAME_VERIFIER, (host, session) -> false));
        try (ResourceSearchClient client = Clients.build(builder, principal, oci.endpoint(), tls.client())) {
            client.searchResources(search());
            fail("sent despite the hostname verifier");
        } catch (BmcException e) {
            assertTrue(e.isClientSide());
            assertTrue(String.valueOf(Clients.rootCause(e)), Clients.rootCause(e) instanceof SSLPeerUnverifiedException);
        }
        assertTrue(oci.requests().isEmpty());
    }

    /**
     * Through an HTTP proxy: a CONNECT tunnel to the service, the proxy's credentials on the
     * CONNECT only, then TLS end to end (the proxy sees no request of the service).
     */
    @Test
    public void throughAnHttpProxysTunnel() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"items\":[]}").header("opc-request-id", "TUNNEL-1"));
        List<String> connects = new CopyOnWriteArrayList<>();
        try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> tunnel(proxy, connects));
            t.setDaemon(true);
            t.start();
            ResourceSearchClient.Builder builder = ResourceSearchClient.builder();
            builder.additionalClientConfigurator(http -> http.property(StandardClientProperties.PROXY, new ProxyConfiguration(
                    new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.getLocalPort())), "u", "p".toCharArray())));
            try (ResourceSearchClient client = Clients.build(builder, principal, oci.endpoint(), tls.client())) {
                assertEquals("TUNNEL-1", client.searchResources(search()).getOpcRequestId());
            }
        }
        assertEquals(1, connects.size());
        String port = oci.endpoint().substring(oci.endpoint().lastIndexOf(':') + 1);
        assertTrue(connects.get(0), connects.get(0).startsWith("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\n"));
        assertTrue(connects.get(0), connects.get(0).contains("\r\nProxy-Authorization: Basic dTpw\r\n"));
        assertEquals(1, oci.requests().size());
        assertEquals(null, oci.onlyRequest().headers().get("proxy-authorization"));
    }

    /** A proxy for one tunnel: reads the CONNECT, says yes, then relays bytes both ways. */
    private void tunnel(ServerSocket proxy, List<String> connects) {
        try (Socket client = proxy.accept(); Socket server = new Socket(InetAddress.getLoopbackAddress(), oci.port())) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            connects.add(head.toString());
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            Thread back = new Thread(() -> {
                try {
                    server.getInputStream().transferTo(client.getOutputStream());
                } catch (IOException ignored) {
                    // closed
                }
            });
            back.setDaemon(true);
            back.start();
            in.transferTo(server.getOutputStream());
        } catch (IOException ignored) {
            // the test sees what it needs in connects
        }
    }

    private static SearchResourcesRequest search() {
        return SearchResourcesRequest.builder()
                .searchDetails(StructuredSearchDetails.builder().query("query all resources").build()).build();
    }

    private static boolean causes(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
