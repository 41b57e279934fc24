package dev.ocifn.modelproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fnproject.fn.testing.FnEventBuilder;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.FunctionContractTest;
import dev.ocifn.testkit.FunctionSpec;
import dev.ocifn.testkit.GatewayCall;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StallingServer;
import dev.ocifn.ocifake.StubResponse;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The function against the signature-checking test server ({@link #oci}) acting as the model
 * deployment; the shared edge (errors, auth, limits, logs) is the inherited contract.
 */
public class ModelProxyFunctionTest extends FunctionContractTest {
    static final String DEPLOYMENT = "ocid1.datasciencemodeldeployment.oc1.eu-frankfurt-1.amaaaaaaexamplemodeldeployment";
    private static final String ROUTE = "/model/predict";
    private static final String INPUT = "{\"data\":[[5.1,3.5,1.4,0.2]]}";
    private static final String BEARER = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYWxsZXIifQ.c2VjcmV0LXNpZ25hdHVyZQ";

    public ModelProxyFunctionTest() {
        super(FunctionSpec.of(ModelProxyFunction.class, "model-proxy-fn")
                // The deployment is wherever the route's header points; the testing key admits the test server's origin.
                .endpointSetting(PredictEndpointPolicy.TESTING_ORIGIN)
                .call(origin -> GatewayCall.json("POST", ROUTE, INPUT)
                        .withHeader(ModelProxyFunction.DEFAULT_HEADER, origin + "/" + DEPLOYMENT + "/predict"))
                .answer(() -> StubResponse.json(200, "{\"prediction\":[\"setosa\"]}"))
                .readTimeoutSetting(ModelProxyFunction.PREDICT_TIMEOUT_MS)
                // A proxy: the deployment's answer, OCI's errors included, goes back as it came.
                .passesOciErrorsVerbatim()
                .client("model-deployment client")
                .allows("POST")
                .neverLogs("5.1,3.5", "setosa", "Signature version"));
    }

    @Override
    protected void alsoCheck(Case c, FnResult result) {
        if (c == Case.OCI_TOO_SLOW) {
            assertTrue(json(result).get("message").asText().contains("300 ms"));
        } else if (c == Case.CLIENT_BUILT_ONCE) {
            // The testing key is announced once per container, like the client.
            String log = fn.getStdErrAsString();
            assertEquals(log, 1, log.split("WARNING " + PredictEndpointPolicy.TESTING_ORIGIN, -1).length - 1);
        }
    }

    /** The predict URL on the origin the function is pointed at. */
    private String predictUrl() {
        return endpoint() + "/" + DEPLOYMENT + "/predict";
    }

    /** A caller's POST through the gateway: its token, a cookie and a custom header come along. */
    private FnEventBuilder<FnTestingRule> gateway(String contentType, byte[] body, String endpoint) {
        FnEventBuilder<FnTestingRule> event = FnGateway.request(fn, "POST", ROUTE)
                .withHeader("Fn-Http-H-Authorization", BEARER)
                .withHeader("Fn-Http-H-Cookie", "session=caller-cookie")
                .withHeader("Fn-Http-H-X-Custom", "caller-custom")
                .withHeader("Fn-Http-H-opc-request-id", "CALLER-REQUEST-ID")
                .withBody(body);
        if (contentType != null) {
            event = event.withHeader("Fn-Http-H-Content-Type", contentType).withHeader("Content-Type", contentType);
        }
        return endpoint == null ? event : event.withHeader("Fn-Http-H-model_deployment", endpoint);
    }

    private FnResult call(FnEventBuilder<FnTestingRule> event) {
        event.enqueue();
        return runOne();
    }

    private FnResult callJson(String body) {
        return call(gateway("application/json", body.getBytes(StandardCharsets.UTF_8), predictUrl()));
    }

    private static JsonNode body(FnResult r) {
        return json(r);
    }

    @Test
    public void forwardsTheBodySignedAndPassesTheAnswerThrough() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"prediction\":[\"setosa\"]}").header("opc-request-id", "MODEL-OPC-1"));
        FnResult r = callJson(INPUT);

        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals("{\"prediction\":[\"setosa\"]}", r.getBodyAsString());
        assertEquals("application/json", r.getContentType().orElse(""));
        assertEquals("MODEL-OPC-1", FnGateway.header(r, "opc-request-id").orElse(""));

        RecordedRequest sent = oci.onlyRequest();
        assertEquals("POST", sent.method());
        assertEquals("/" + DEPLOYMENT + "/predict", sent.rawPath());
        assertEquals(null, sent.rawQuery());
        assertEquals(INPUT, sent.bodyAsString());
        assertEquals("application/json", sent.header("content-type").orElse(""));
        assertTrue(sent.principal().isResourcePrincipal());
        assertTrue(sent.principal().keyId().startsWith("ST$"));
    }

    @Test
    public void theSignatureCoversTheBody() throws Exception {
        oci.enqueue(StubResponse.json(200, "{}"));
        callJson(INPUT);
        RecordedRequest sent = oci.onlyRequest();
        String authorization = sent.header("authorization").orElse("");
        assertTrue(authorization, authorization.startsWith("Signature "));
        assertTrue(authorization, authorization.contains("headers=\"date (request-target) host content-length content-type x-content-sha256\""));
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(INPUT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, sent.header("x-content-sha256").orElse(""));
        assertEquals(String.valueOf(INPUT.length()), sent.header("content-length").orElse(""));
        assertTrue(oci.rejections().isEmpty());
    }

    @Test
    public void binaryBodyAndAnswerAreByteForByte() throws Exception {
        byte[] input = new byte[200_000];
        new Random(42).nextBytes(input);
        byte[] output = new byte[70_000];
        new Random(7).nextBytes(output);
        oci.enqueue(StubResponse.bytes(200, "application/x-npy", output));
        FnResult r = call(gateway("application/octet-stream", input, predictUrl()));

        assertEquals(200, FnGateway.status(r));
        assertArrayEquals(output, r.getBodyAsBytes());
        assertEquals("application/x-npy", r.getContentType().orElse(""));
        RecordedRequest sent = oci.onlyRequest();
        assertArrayEquals(input, sent.body());
        assertEquals("application/octet-stream", sent.header("content-type").orElse(""));
    }

    @Test
    public void callersTokenAndOtherHeadersAreNotForwarded() throws Exception {
        oci.enqueue(StubResponse.json(200, "{}"));
        callJson(INPUT);
        RecordedRequest sent = oci.onlyRequest();
        assertFalse(sent.header("authorization").orElse("").contains(BEARER));
        assertFalse(sent.header("authorization").orElse("").startsWith("Bearer"));
        assertFalse(sent.headers().containsKey("cookie"));
        assertFalse(sent.headers().containsKey("x-custom"));
        assertFalse(sent.headers().containsKey("model_deployment"));
        assertFalse("the caller's opc-request-id", sent.headers().containsKey("opc-request-id"));
        for (List<String> values : sent.headers().values()) {
            for (String v : values) {
                assertFalse(v, v.contains("caller-"));
                assertFalse(v, v.contains("eyJzdWIiOiJjYWxsZXIifQ"));
            }
        }
    }

    @Test
    public void responseStreamEndpointIsForwardedToo() throws Exception {
        oci.enqueue(StubResponse.bytes(200, "text/event-stream", "data: {\"token\":\"a\"}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
        FnResult r = call(gateway("application/json", INPUT.getBytes(StandardCharsets.UTF_8),
                oci.endpoint() + "/" + DEPLOYMENT + "/predictWithResponseStream"));
        assertEquals(200, FnGateway.status(r));
        assertEquals("text/event-stream", r.getContentType().orElse(""));
        assertTrue(r.getBodyAsString().endsWith("data: [DONE]\n\n"));
        assertEquals("/" + DEPLOYMENT + "/predictWithResponseStream", oci.onlyRequest().rawPath());
    }

    @Test
    public void modelsOwnClientErrorPassesThroughUnchanged() throws Exception {
        assertPassesThrough(StubResponse.bytes(400, "text/plain", "feature 3 is missing".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void modelsOwnServerErrorPassesThroughUnchanged() throws Exception {
        assertPassesThrough(StubResponse.json(500, "{\"error\":\"score.py raised ValueError\"}"));
    }

    @Test
    public void notAuthorizedOrNotFoundPassesThroughUnchanged() throws Exception {
        assertPassesThrough(StubResponse.error(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found."));
    }

    @Test
    public void throttlingPassesThroughWithRetryAfter() throws Exception {
        FnResult r = assertPassesThrough(StubResponse.error(429, "TooManyRequests", "Too many requests").header("Retry-After", "2"));
        assertEquals("2", FnGateway.header(r, "Retry-After").orElse(""));
    }

    private FnResult assertPassesThrough(StubResponse stub) throws Exception {
        oci.enqueue(stub.header("opc-request-id", "MODEL-OPC-ERR").header("Set-Cookie", "model=internal")
                .header("Server", "model-server/1.0"));
        FnResult r = callJson(INPUT);
        assertEquals(stub.status(), FnGateway.status(r));
        assertArrayEquals(stub.body(), r.getBodyAsBytes());
        assertEquals(stub.headers().get("Content-Type"), r.getContentType().orElse(""));
        assertEquals("MODEL-OPC-ERR", FnGateway.header(r, "opc-request-id").orElse(""));
        assertFalse(FnGateway.header(r, "Set-Cookie").isPresent());
        assertFalse(FnGateway.header(r, "Server").isPresent());
        assertEquals(1, oci.requests().size()); // no retries: the caller decides
        return r;
    }

    @Test
    public void answerWithoutBodyOrContentTypePassesThrough() throws Exception {
        oci.enqueue(StubResponse.empty(204).header("opc-request-id", "MODEL-OPC-204"));
        FnResult r = callJson(INPUT);
        assertEquals(204, FnGateway.status(r));
        assertEquals(0, r.getBodyAsBytes().length);
        assertEquals("MODEL-OPC-204", FnGateway.header(r, "opc-request-id").orElse(""));
    }

    @Test
    public void plainFnInvokeReadsTheHeaderFromTheInvokeRequest() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"prediction\":[1]}"));
        FnResult r = call(fn.givenEvent().withHeader("model_deployment", predictUrl()).withBody(INPUT));
        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals(INPUT, oci.onlyRequest().bodyAsString());
    }

    @Test
    public void withoutContentTypeTheBodyGoesAsJson() throws Exception {
        oci.enqueue(StubResponse.json(200, "{}"));
        FnResult r = call(gateway(null, INPUT.getBytes(StandardCharsets.UTF_8), predictUrl()));
        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals(ModelProxyFunction.DEFAULT_CONTENT_TYPE, oci.onlyRequest().header("content-type").orElse(""));
    }

    @Test
    public void headerNameComesFromEndpointHeader() throws Exception {
        fn.setConfig(ModelProxyFunction.ENDPOINT_HEADER, "X-Model-Url");
        oci.enqueue(StubResponse.json(200, "{}"));
        FnResult r = call(gateway("application/json", INPUT.getBytes(StandardCharsets.UTF_8), null)
                .withHeader("Fn-Http-H-X-Model-Url", predictUrl()));
        assertEquals(r.getBodyAsString(), 200, FnGateway.status(r));
        assertEquals(1, oci.requests().size());
    }

    @Test
    public void missingHeaderIs400NamingTheGatewayRoute() throws Exception {
        FnResult r = call(gateway("application/json", INPUT.getBytes(StandardCharsets.UTF_8), null));
        assertEquals(400, FnGateway.status(r));
        JsonNode error = body(r);
        assertEquals("InvalidParameter", error.get("code").asText());
        String message = error.get("message").asText();
        assertTrue(message, message.startsWith("model_deployment: header is missing"));
        assertTrue(message, message.contains("API Gateway route must set it"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void headerSetTwiceIs400() throws Exception {
        FnResult r = call(FnGateway.request(fn, "POST", ROUTE)
                .withHeader("Fn-Http-H-model_deployment", predictUrl())
                .withHeader("Fn-Http-H-model_deployment", predictUrl())
                .withBody(INPUT));
        assertEquals(400, FnGateway.status(r));
        assertTrue(body(r).get("message").asText().contains("more than once"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void withoutTheTestingKeyTheLocalModelIsRefused() throws Exception {
        fn.setConfig(PredictEndpointPolicy.TESTING_ORIGIN, "");
        FnResult r = callJson(INPUT);
        assertEquals(400, FnGateway.status(r));
        assertTrue(body(r).get("message").asText().contains("must use https"));
        assertTrue(oci.requests().isEmpty());
        assertTrue(oci.rejections().isEmpty());
    }

    @Test
    public void allowedDeploymentsLetsTheListedOnesThrough() throws Exception {
        fn.setConfig(PredictEndpointPolicy.ALLOWED_DEPLOYMENTS,
                "ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaaother , " + DEPLOYMENT);
        oci.enqueue(StubResponse.json(200, "{}"));
        assertEquals(200, FnGateway.status(callJson(INPUT)));
        assertEquals(1, oci.requests().size());
    }

    @Test
    public void badAllowedDeploymentsIs500NamingTheKey() throws Exception {
        fn.setConfig(PredictEndpointPolicy.ALLOWED_DEPLOYMENTS, DEPLOYMENT + ",ocid1.datasciencemodel.oc1.iad.amaaaaaa");
        FnResult r = callJson(INPUT);
        assertEquals(500, FnGateway.status(r));
        assertEquals("FunctionMisconfigured", body(r).get("code").asText());
        assertTrue(body(r).get("message").asText().contains("ALLOWED_DEPLOYMENTS"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void badEndpointHeaderIs500NamingTheKey() throws Exception {
        fn.setConfig(ModelProxyFunction.ENDPOINT_HEADER, "model deployment");
        FnResult r = callJson(INPUT);
        assertEquals(500, FnGateway.status(r));
        assertTrue(body(r).get("message").asText().contains(ModelProxyFunction.ENDPOINT_HEADER));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void badTestingOriginIs500NamingTheKey() throws Exception {
        fn.setConfig(PredictEndpointPolicy.TESTING_ORIGIN, oci.endpoint() + "/some/path");
        FnResult r = callJson(INPUT);
        assertEquals(500, FnGateway.status(r));
        assertTrue(body(r).get("message").asText().contains(PredictEndpointPolicy.TESTING_ORIGIN));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void emptyBodyIs400() throws Exception {
        FnResult r = callJson("");
        assertEquals(400, FnGateway.status(r));
        assertTrue(body(r).get("message").asText().startsWith("body: is empty"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void answerLargerThanAFunctionMayReturnIs502() throws Exception {
        fn.setConfig(ModelProxyFunction.MAX_RESPONSE_BYTES, "1000");
        oci.enqueue(StubResponse.bytes(200, "application/octet-stream", new byte[5000]));
        FnResult r = callJson(INPUT);
        assertEquals(502, FnGateway.status(r));
        assertEquals("ResponseTooLarge", body(r).get("code").asText());
    }

    @Test
    public void redirectIsNotFollowed() throws Exception {
        oci.enqueue(StubResponse.empty(307).header("Location", oci.endpoint() + "/elsewhere"));
        oci.enqueue(StubResponse.json(200, "{\"followed\":true}"));
        FnResult r = callJson(INPUT);
        assertEquals(502, FnGateway.status(r));
        assertEquals("BadGateway", body(r).get("code").asText());
        assertFalse(FnGateway.header(r, "Location").isPresent());
        assertEquals(1, oci.requests().size());
    }
    /**
     * A deployment that sends its status line, headers and part of the body, then goes quiet: the
     * predict timeout bounds the body too (504), and the function does not hang.
     */
    @Test
    public void answerThatStallsMidBodyIs504() throws Exception {
        try (StallingServer stalling = StallingServer.start("application/json", "{\"prediction\":", 100)) {
            String origin = stalling.endpoint();
            fn.setConfig(PredictEndpointPolicy.TESTING_ORIGIN, origin);
            fn.setConfig(ModelProxyFunction.PREDICT_TIMEOUT_MS, "400");
            long start = System.nanoTime();
            FnResult r = call(gateway("application/json", INPUT.getBytes(StandardCharsets.UTF_8),
                    origin + "/" + DEPLOYMENT + "/predict"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(describe(r), 504, FnGateway.status(r));
            assertEquals("GatewayTimeout", body(r).get("code").asText());
            assertTrue("took " + ms + " ms", ms < 5_000);
        }
    }
}
