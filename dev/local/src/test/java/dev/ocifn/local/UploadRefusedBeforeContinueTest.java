package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocifn.localoci.ContinueGate;
import dev.ocifn.localoci.LocalOci;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.TrustStore;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * An upload OCI refuses before {@code 100 Continue} (here: into a bucket that does not exist)
 * reaches the caller through the whole chain as OCI's status, code and {@code opc-request-id},
 * not as "OCI could not be reached". The stack's functions talk to a local OCI behind a
 * {@link ContinueGate}, which refuses the way OCI does; pictures-fn is configured with a bucket
 * the local OCI does not have.
 */
public class UploadRefusedBeforeContinueTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalOci oci;
    private static ContinueGate gate;
    private static LocalStack stack;
    private static String token;

    @BeforeClass
    public static void start() throws Exception {
        // The stack may set JVM-wide settings of the JDK's HTTP server, which the JDK reads once,
        // when the first server of the JVM starts: the stack's class is set up before local OCI starts one.
        MethodHandles.lookup().ensureInitialized(LocalStack.class);
        Path data = Files.createTempDirectory("upload-refused");
        ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
        Path dataSet = Files.createDirectories(data.resolve("dataset"));
        LocalOci.copyDefaultDataSet(dataSet);
        oci = LocalOci.start(new TrustStore().trust(principal), dataSet, data.resolve("objectstorage"));
        oci.createBucket(LocalStack.BUCKET);
        gate = ContinueGate.start(oci, ContinueGate.missingBucket(oci));
        // The stack's "real tenancy" mode: the functions get exactly this configuration.
        Map<String, String> config = new LinkedHashMap<>(principal.config());
        config.put("OCI_ENDPOINT", gate.endpoint());
        config.put("BUCKET_NAME", "no-such-bucket");
        stack = LocalStack.start(LocalStack.Options.local(REPOSITORY, data).withRequestsPerSecond(1000)
                .withPredictUrl(oci.predictUrl(oci.modelDeployments().get(0))).withRealTenancy(config), System.err);
        token = stack.identity().tokenFor(LocalStack.CLIENT_ID, Set.of("pictures"));
    }

    @AfterClass
    public static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (gate != null) {
            gate.close();
        }
        if (oci != null) {
            oci.close();
        }
    }

    private static HttpResponse<byte[]> upload(String name, int size) throws Exception {
        byte[] png = new byte[size];
        new Random(size).nextBytes(png);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID + "/" + name))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Over 64 KiB the upload asks for {@code 100 Continue}: refused by the gate before the body is sent. */
    @Test
    public void aLargeUploadRefusedBeforeContinueReportsOcisAnswer() throws Exception {
        int before = gate.refused();
        HttpResponse<byte[]> r = upload("large.png", 300_000);
        JsonNode body = JSON.readTree(r.body());
        assertEquals(new String(r.body()), 404, r.statusCode());
        assertEquals("BucketNotFound", body.get("code").asText());
        assertTrue(body.get("message").asText(), body.get("message").asText().contains("no-such-bucket"));
        assertEquals(before + 1, gate.refused());
        assertEquals(gate.lastRequestId(), r.headers().firstValue("opc-request-id").orElse(""));
    }

    /** A small upload goes out whole without the expectation; local OCI's own answer is the same to the caller. */
    @Test
    public void aSmallUploadGetsTheSameAnswerFromTheServiceItself() throws Exception {
        int before = gate.refused();
        HttpResponse<byte[]> r = upload("small.png", 4_096);
        assertEquals(new String(r.body()), 404, r.statusCode());
        assertEquals("BucketNotFound", JSON.readTree(r.body()).get("code").asText());
        assertEquals(before, gate.refused());
        assertTrue(r.headers().firstValue("opc-request-id").isPresent());
    }
}
