package dev.ocifn.testkit;

import dev.ocifn.ocifake.ApiKeyFixture;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * What every function owes its callers at the edge it shares with the others (fn-support's
 * Boundary, OciAuth, OciClients, OciErrors), proven end to end for each function: its real
 * handler through {@link FnTestingRule}, against the signature-checking {@link FakeOciServer}.
 *
 * <p>A function's test class extends this, describes the function in a {@link FunctionSpec}
 * passed from its constructor, and inherits every case below. Its own tests share the setup:
 * {@link #fn}, {@link #oci} (started, trusted and configured before each test), {@link #principal},
 * {@link #apiKey} and {@link #dir}. A case that cannot apply is named in the spec with the
 * reason and shows as skipped, never silently absent; {@link #alsoCheck} adds a function's own
 * checks to a case.
 */
public abstract class FunctionContractTest {
    /** The contract's cases, for {@link FunctionSpec#notApplicable} and {@link #alsoCheck}. */
    public enum Case {
        SIGNED_AS_RESOURCE_PRINCIPAL, RESOURCE_PRINCIPAL_FILES, API_KEY_PROFILE, NO_CREDENTIALS, EXPIRED_PRINCIPAL,
        OCI_BAD_REQUEST, OCI_THROTTLING, OCI_OUTAGE, OCI_UNREACHABLE, OCI_TOO_SLOW,
        WRONG_METHOD, BODY_TOO_LARGE, CLIENT_BUILT_ONCE, LOGS_CARRY_NO_SECRETS
    }

    /** The message of the programmed 400: quotes and a colon, as OCI's query errors have them. */
    static final String OCI_MESSAGE = "Query 'query all resourcez' is invalid: mismatched input \"resourcez\" expecting 'resources'";
    /** A caller's JWT as the gateway passes it on; no part of it may reach the log or OCI. */
    static final String CALLER_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImNhbGxlciJ9.eyJzdWIiOiJjYWxsZXIifQ.caller-token-secret";
    /** The methods a wrong-method case tries, less the ones the function allows. */
    static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH");
    /** One API-key user for all tests: a key pair is slow to make and nothing changes it. */
    private static final ApiKeyFixture API_KEY = new ApiKeyFixture();

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();
    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    protected final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    protected final ApiKeyFixture apiKey = API_KEY;
    /** The OCI service (or model deployment) the function is pointed at; trusts {@link #principal} and {@link #apiKey}. */
    protected FakeOciServer oci;
    private String endpoint;

    private final FunctionSpec spec;

    protected FunctionContractTest(FunctionSpec spec) {
        this.spec = spec.checked();
    }

    /** More checks the function makes on a case's (last) result, after the contract's own. */
    protected void alsoCheck(Case c, FnResult result) throws Exception {
    }

    // ---- setup and helpers for the subclass ----

    @Before
    public final void startFakeOciServer() {
        oci = FakeOciServer.start(new TrustStore().trust(principal).trust(apiKey));
        principal.config().forEach(fn::setConfig);
        endpoint = oci.endpoint();
        fn.setConfig(spec.endpointSetting, endpoint);
    }

    @After
    public final void stopFakeOciServer() {
        oci.close();
    }

    /** The OCI origin the function is pointed at in this test (an unreachable one in the 502 case). */
    protected final String endpoint() {
        return endpoint;
    }

    /** Sends one call and returns the function's answer. */
    protected final FnResult call(GatewayCall c) {
        c.enqueue(fn);
        return runOne();
    }

    /** Runs the function on the one enqueued event. */
    protected final FnResult runOne() {
        fn.thenRun(spec.function, "handleRequest");
        return fn.getOnlyResult();
    }

    /** Runs the function (one instance, as one container) on every enqueued event. */
    protected final List<FnResult> runAll() {
        fn.thenRun(spec.function, "handleRequest");
        return fn.getResults();
    }

    protected static JsonNode json(FnResult r) {
        return ErrorAnswer.json(r);
    }

    protected static String describe(FnResult r) {
        return ErrorAnswer.describe(r);
    }

    /** Sets the resource-principal settings blank, as a function without them sees them. */
    protected final void forgetResourcePrincipal() {
        principal.config().keySet().forEach(k -> fn.setConfig(k, ""));
    }

    // ---- the contract ----

    @Test
    public void answersSignedAsItsResourcePrincipal() throws Exception {
        applies(Case.SIGNED_AS_RESOURCE_PRINCIPAL);
        FnResult r = callOk("OPC-OK");
        RecordedRequest sent = oci.onlyRequest();
        assertTrue(sent.principal().isResourcePrincipal());
        assertEquals(principal.tenancyId(), sent.principal().tenancyId());
        assertTrue(oci.rejections().toString(), oci.rejections().isEmpty());
        alsoCheck(Case.SIGNED_AS_RESOURCE_PRINCIPAL, r);
    }

    @Test
    public void resourcePrincipalFilesWorkAsOciFunctionsGivesThem() throws Exception {
        applies(Case.RESOURCE_PRINCIPAL_FILES);
        principal.configAsFiles(dir.getRoot().toPath()).forEach(fn::setConfig);
        FnResult r = callOk("OPC-OK");
        assertTrue(oci.onlyRequest().principal().isResourcePrincipal());
        assertEquals(principal.tenancyId(), oci.onlyRequest().principal().tenancyId());
        alsoCheck(Case.RESOURCE_PRINCIPAL_FILES, r);
    }

    @Test
    public void apiKeyProfileSignsForLocalRuns() throws Exception {
        applies(Case.API_KEY_PROFILE);
        forgetResourcePrincipal();
        fn.setConfig("OCI_CONFIG_FILE", apiKey.writeConfig(dir.getRoot().toPath(), "LOCAL").toString());
        fn.setConfig("OCI_PROFILE", "LOCAL");
        FnResult r = callOk("OPC-OK");
        assertEquals(apiKey.keyId(), oci.onlyRequest().principal().keyId());
        alsoCheck(Case.API_KEY_PROFILE, r);
    }

    @Test
    public void withoutCredentialsTheAnswerIs500NamingTheSettings() throws Exception {
        applies(Case.NO_CREDENTIALS);
        forgetResourcePrincipal();
        fn.setConfig("OCI_CONFIG_FILE", dir.getRoot().toPath().resolve("missing").toString());
        FnResult r = call(validCall());
        String message = ErrorAnswer.refusedBeforeOci(r, oci, 500, "FunctionMisconfigured").message();
        assertTrue(message, message.contains("OCI_RESOURCE_PRINCIPAL_RPST"));
        assertTrue(message, message.contains("OCI_CONFIG_FILE"));
        alsoCheck(Case.NO_CREDENTIALS, r);
    }

    @Test
    public void ociRefusingThePrincipalIs401() throws Exception {
        applies(Case.EXPIRED_PRINCIPAL);
        principal.expired().config().forEach(fn::setConfig);
        FnResult r = call(validCall());
        ErrorAnswer.expect(r, 401, "NotAuthenticated");
        assertTrue(oci.requests().isEmpty());
        assertTrue(oci.rejections().toString(), oci.rejections().get(0).contains("session token expired"));
        alsoCheck(Case.EXPIRED_PRINCIPAL, r);
    }

    @Test
    public void ociBadRequestPassesOnWithOcisMessage() throws Exception {
        applies(Case.OCI_BAD_REQUEST);
        alsoCheck(Case.OCI_BAD_REQUEST, assertPassedOn(400, "InvalidParameter", OCI_MESSAGE));
    }

    @Test
    public void ociThrottlingPassesOnWithoutRetry() throws Exception {
        applies(Case.OCI_THROTTLING);
        alsoCheck(Case.OCI_THROTTLING, assertPassedOn(429, "TooManyRequests", "Too many requests for the tenant"));
    }

    @Test
    public void ociOutagePassesOnWithoutRetry() throws Exception {
        applies(Case.OCI_OUTAGE);
        alsoCheck(Case.OCI_OUTAGE, assertPassedOn(503, "ServiceUnavailable", "try later"));
    }

    /** The status, code, message and opc-request-id OCI answered reach the caller, after exactly one OCI call. */
    private FnResult assertPassedOn(int status, String code, String message) throws Exception {
        StubResponse stub = StubResponse.error(status, code, message).header("opc-request-id", "OPC-ERR-" + status);
        oci.enqueue(stub);
        FnResult r = call(validCall());
        assertEquals(1, oci.requests().size()); // no SDK retries: the caller decides
        ErrorAnswer error = ErrorAnswer.expect(r, status, code);
        assertEquals(message, error.message());
        assertEquals("OPC-ERR-" + status, FnGateway.header(r, "opc-request-id").orElse(""));
        if (spec.errorsVerbatim) {
            assertArrayEquals(stub.body(), r.getBodyAsBytes());
            assertEquals(stub.headers().get("Content-Type"), r.getContentType().orElse(""));
        } else {
            assertEquals("OPC-ERR-" + status, error.opcRequestId());
        }
        return r;
    }

    @Test
    public void unreachableOciIs502() throws Exception {
        applies(Case.OCI_UNREACHABLE);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + closed;
        fn.setConfig(spec.endpointSetting, endpoint);
        FnResult r = call(validCall());
        ErrorAnswer.refusedBeforeOci(r, oci, 502, "BadGateway");
        alsoCheck(Case.OCI_UNREACHABLE, r);
    }

    @Test
    public void slowOciIs504() throws Exception {
        applies(Case.OCI_TOO_SLOW);
        fn.setConfig(spec.readTimeoutSetting, "300");
        oci.enqueue(spec.answer.get().delayedBy(Duration.ofMillis(1500)));
        FnResult r = call(validCall());
        ErrorAnswer.expect(r, 504, "GatewayTimeout");
        alsoCheck(Case.OCI_TOO_SLOW, r);
    }

    @Test
    public void otherMethodsAre405WithAllow() throws Exception {
        applies(Case.WRONG_METHOD);
        List<String> refused = new ArrayList<>(METHODS);
        refused.removeAll(spec.allowed);
        assertFalse("no method left to refuse", refused.isEmpty());
        refused.forEach(m -> validCall().withMethod(m).enqueue(fn));
        List<FnResult> results = runAll();
        FnResult last = null;
        for (int i = 0; i < refused.size(); i++) {
            last = results.get(i);
            String method = refused.get(i);
            assertEquals(method, String.join(", ", spec.allowed), FnGateway.header(last, "Allow").orElse(""));
            if (method.equals("HEAD")) {
                assertEquals(describe(last), 405, FnGateway.status(last)); // a HEAD answer may have no body
            } else {
                ErrorAnswer.expect(last, 405, "MethodNotAllowed");
            }
        }
        assertTrue(oci.requests().toString(), oci.requests().isEmpty());
        assertTrue(oci.rejections().toString(), oci.rejections().isEmpty());
        alsoCheck(Case.WRONG_METHOD, last);
    }

    @Test
    public void oversizedBodyIs413() throws Exception {
        applies(Case.BODY_TOO_LARGE);
        fn.setConfig("MAX_BODY_BYTES", "100");
        GatewayCall c = (spec.bodyCall == null ? spec.call : spec.bodyCall).apply(endpoint);
        byte[] body = c.body();
        if (body.length <= 100) {
            // Trailing spaces: still the same JSON, only too long.
            byte[] padded = Arrays.copyOf(body, 300);
            Arrays.fill(padded, body.length, padded.length, (byte) ' ');
            body = padded;
        }
        FnResult r = call(c.withBody(c.contentType(), body));
        String message = ErrorAnswer.refusedBeforeOci(r, oci, 413, "PayloadTooLarge").message();
        assertTrue(message, message.contains("the request body is larger than the limit of 100 bytes"));
        alsoCheck(Case.BODY_TOO_LARGE, r);
    }

    @Test
    public void clientIsBuiltOnceForSeveralCalls() throws Exception {
        applies(Case.CLIENT_BUILT_ONCE);
        for (int i = 1; i <= 3; i++) {
            oci.enqueue(spec.answer.get().header("opc-request-id", "OPC-OK-" + i));
            validCall().enqueue(fn);
        }
        List<FnResult> results = runAll();
        assertEquals(3, results.size());
        for (FnResult r : results) {
            assertEquals(describe(r), spec.okStatus, FnGateway.status(r));
        }
        assertEquals(3, oci.requests().size());
        String log = fn.getStdErrAsString();
        assertEquals(log, 1, count(log, "built " + spec.client));
        assertEquals(log, 3, count(log, logLine()));
        assertTrue(log, log.contains("opc-request-id=OPC-OK-3"));
        alsoCheck(Case.CLIENT_BUILT_ONCE, results.get(2));
    }

    @Test
    public void logsCarryNoSecrets() throws Exception {
        applies(Case.LOGS_CARRY_NO_SECRETS);
        oci.enqueue(spec.answer.get().header("opc-request-id", "OPC-LOGGED"));
        FnResult r = call(validCall().withHeader("Authorization", "Bearer " + CALLER_TOKEN));
        assertEquals(describe(r), spec.okStatus, FnGateway.status(r));

        String log = fn.getStdErrAsString();
        assertTrue(log, log.contains(logLine()));
        assertTrue(log, log.contains("opc-request-id=OPC-LOGGED"));
        assertFalse(log, log.contains(principal.rpst()));
        assertFalse(log, log.contains("PRIVATE KEY"));
        List<String> secrets = new ArrayList<>(spec.neverLogged);
        secrets.addAll(List.of(CALLER_TOKEN.split("\\.")));
        for (String secret : secrets) {
            assertFalse(secret + " in " + log, log.contains(secret));
        }
        // The caller's bearer token is never forwarded: OCI gets the function's own signature.
        RecordedRequest sent = oci.onlyRequest();
        assertTrue(sent.header("authorization").orElse("").startsWith("Signature "));
        for (String part : CALLER_TOKEN.split("\\.")) {
            sent.headers().values().forEach(values -> values.forEach(v -> assertFalse(v, v.contains(part))));
        }
        alsoCheck(Case.LOGS_CARRY_NO_SECRETS, r);
    }

    // ---- the contract's own helpers ----

    private FnResult callOk(String opcRequestId) {
        oci.enqueue(spec.answer.get().header("opc-request-id", opcRequestId));
        FnResult r = call(validCall());
        assertEquals(describe(r), spec.okStatus, FnGateway.status(r));
        assertEquals(opcRequestId, FnGateway.header(r, "opc-request-id").orElse(""));
        return r;
    }

    /** The start of the function's log line for the valid call. */
    private String logLine() {
        GatewayCall c = validCall();
        return spec.name + " " + c.method() + " " + c.path() + " " + spec.okStatus + " ";
    }

    /** Skips a case the spec says does not apply; else adds the settings the contract's cases need. */
    private void applies(Case c) {
        String reason = spec.notApplicable.get(c);
        Assume.assumeTrue(c + " does not apply: " + reason, reason == null);
        spec.contractConfig.forEach(fn::setConfig);
    }

    private GatewayCall validCall() {
        return spec.call.apply(endpoint);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
