package dev.ocifn.localoci.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import dev.ocifn.localoci.Harness;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Model deployment predict, signed with the SDK's DefaultRequestSigner and sent with java.net.http. */
public class PredictTest {
    static final String HOUSE = "ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaalocalhouseprice4f7h2k5m8p3s6v9x4z7b2d5";
    static final String CHURN = "ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaalocalchurn8k3m6p9s4v7x2z5b8d3f6h9k2m5";

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Harness oci;

    @Before
    public void start() throws Exception {
        oci = new Harness(Harness.SHIPPED_DATA, dir.newFolder("store").toPath());
    }

    @After
    public void stop() throws Exception {
        oci.close();
    }

    private HttpResponse<byte[]> predict(String ocid, String json) throws Exception {
        assertEquals(oci.local.endpoint() + "/" + ocid + "/predict", oci.local.predictUrl(ocid));
        return oci.postJson("/" + ocid + "/predict", json);
    }

    @Test
    public void linearModelPredictsFromRowsOrNamedInstances() throws Exception {
        assertEquals(List.of(CHURN, HOUSE), oci.local.modelDeployments());
        HttpResponse<byte[]> r = predict(HOUSE, "{\"data\": [[1500, 3, 10], [800, 1, 40]]}");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        JsonNode prediction = Harness.json(r).get("prediction");
        assertEquals(285850.0, prediction.get(0).asDouble(), 1e-6);
        assertEquals(42000 + 152.5 * 800 + 8200 - 950 * 40, prediction.get(1).asDouble(), 1e-6);

        JsonNode named = Harness.json(predict(HOUSE, "{\"instances\": [{\"sqft\": 1500, \"bedrooms\": 3, \"age_years\": 10}]}"));
        assertEquals(285850.0, named.get("prediction").get(0).asDouble(), 1e-6);
    }

    @Test
    public void logisticModelGivesLabelsAndProbabilities() throws Exception {
        JsonNode answer = Harness.json(predict(CHURN, "{\"data\": [[2, 90, 4], [48, 30, 0]]}"));
        assertEquals("churns", answer.get("prediction").get(0).asText());
        assertEquals("stays", answer.get("prediction").get(1).asText());
        assertEquals(1 / (1 + Math.exp(-3.54)), answer.get("probability").get(0).asDouble(), 1e-6);
    }

    @Test
    public void streamingAnswersOneEvent() throws Exception {
        HttpResponse<byte[]> r = oci.postJson("/" + HOUSE + "/predictWithResponseStream", "{\"data\": [[1500, 3, 10]]}");
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElse(""));
        assertEquals("data: {\"prediction\":[285850.0]}\n\n", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    public void refusesAsTheServiceDoes() throws Exception {
        HttpResponse<byte[]> unknown = predict("ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaanosuchthing", "{\"data\": [[1]]}");
        assertEquals(404, unknown.statusCode());
        assertEquals("NotAuthorizedOrNotFound", Harness.json(unknown).get("code").asText());
        assertTrue(unknown.headers().firstValue("opc-request-id").isPresent());

        HttpResponse<byte[]> shape = predict(HOUSE, "{\"data\": [[1500, 3]]}");
        assertEquals(400, shape.statusCode());
        assertEquals("model 'house-price-v1': row 0 has 2 values; expected 3 (sqft, bedrooms, age_years)",
                Harness.json(shape).get("message").asText());
        for (String bad : List.of("not json", "{\"rows\": [[1, 2, 3]]}", "{\"data\": []}", "{\"data\": [[1, \"2\", 3]]}",
                "{\"instances\": [{\"sqft\": 1, \"bedrooms\": 2}]}")) {
            HttpResponse<byte[]> r = predict(HOUSE, bad);
            assertEquals(bad, 400, r.statusCode());
            assertTrue(bad, Harness.json(r).get("message").asText().startsWith("model 'house-price-v1': "));
        }

        byte[] big = new byte[PredictApi.MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');
        HttpResponse<byte[]> tooLarge = oci.signed("POST", "/" + HOUSE + "/predict", "application/json", big);
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    public void aDeploymentThatIsNotActiveIs409() throws Exception {
        Path data = dir.newFolder("data").toPath();
        String inactive = "ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaalocalinactive1";
        Files.writeString(data.resolve("models.json"), "{\"modelDeployments\": [{\"id\": \"" + inactive + "\", "
                + "\"lifecycleState\": \"INACTIVE\", \"model\": {\"type\": \"linear\", \"features\": [\"x\"], \"weights\": [2]}}]}");
        try (Harness other = new Harness(data, dir.newFolder("store2").toPath())) {
            HttpResponse<byte[]> r = other.postJson("/" + inactive + "/predict", "{\"data\": [[1]]}");
            assertEquals(409, r.statusCode());
            assertEquals("IncorrectState", Harness.json(r).get("code").asText());
        }
    }

    @Test
    public void theSignatureCoversTheBody() throws Exception {
        URI uri = URI.create(oci.local.predictUrl(HOUSE));
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-type", List.of("application/json"));
        Map<String, String> signature = DefaultRequestSigner.createRequestSigner(oci.provider)
                .signRequest(uri, "POST", headers, "{\"data\": [[1500, 3, 10]]}");
        HttpRequest.Builder tampered = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\": [[9999, 3, 10]]}"));
        signature.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                tampered.header(k, v);
            }
        });
        HttpResponse<String> r = oci.http.send(tampered.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("NotAuthenticated"));
        assertTrue(oci.local.rejections().toString(), oci.local.rejections().get(0).contains("x-content-sha256"));
        assertTrue("a refused call is no call", oci.local.calls().isEmpty());
    }
}
