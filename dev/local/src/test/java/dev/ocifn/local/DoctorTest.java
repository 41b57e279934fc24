package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.ocifn.tools.Main;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * {@code tools doctor} against the local stack, healthy and started with the faults a deployment
 * has in OCI (a wrong audience, issuer or key in the rendered specification, a path prefix that
 * differs from the deployment's, a client without a route's scope, a function setting never
 * set, an operation no policy allows, a function that takes too long). For each, doctor fails
 * exactly the checks that fault breaks, names the cause and gives the fix; nothing of the
 * project is replaced by a stand-in.
 */
public class DoctorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final List<String> ALL = List.of("token", "token claims", "token key", "token scopes",
            "usage-fn", "search-fn", "pictures-fn", "pictures-fn write", "model-proxy-fn");
    private static LocalStack healthy;
    private static Path predictBody;

    @BeforeClass
    public static void start() throws IOException {
        predictBody = Files.createTempFile("predict", ".json");
        Files.writeString(predictBody, "{\"data\":[[1.0,2.0,3.0]]}");
        healthy = start(Faults.NONE);
    }

    @AfterClass
    public static void stop() {
        healthy.close();
    }

    @Test
    public void everyCheckPassesAgainstTheHealthyStackAndTheWriteLeavesNothing() throws IOException {
        Run run = doctor(healthy, "--write", "--predict-body", predictBody.toString());
        assertEquals(run.output, 0, run.status);
        assertEquals(ALL, new ArrayList<>(run.checks.keySet()));
        run.checks.forEach((name, check) -> assertEquals(name + ": " + check, "PASS", check.path("status").asText()));
        try (Stream<Path> stored = Files.walk(healthy.oci().storeDir())) {
            assertTrue(stored.noneMatch(p -> p.getFileName().toString().contains("ocifn-doctor")));
        }
    }

    @Test
    public void theTextReportIsOneLinePerCheckAndNeverShowsTheSecretOrToken() {
        Output out = main(healthy, LocalStack.CLIENT_SECRET);
        assertEquals(out.stdout + out.stderr, 0, out.status);
        String[] lines = out.stdout.strip().split("\n");
        assertEquals(ALL.size() + 1, lines.length);
        assertTrue(lines[0], lines[0].startsWith("PASS token"));
        assertTrue(out.stdout, out.stdout.matches("(?s).*\\nSKIP pictures-fn write +--write not given\\n.*"));
        assertEquals("doctor: every check passed", lines[lines.length - 1]);
        assertFalse(out.stdout.contains(LocalStack.CLIENT_SECRET));
        assertFalse(out.stdout.contains("eyJ"));
    }

    @Test
    public void aPathPrefixThatDiffersFromTheDeploymentIsANoRoute() throws IOException {
        ObjectNode params = (ObjectNode) JSON.readTree(healthy.paramsFile().toFile());
        ((ObjectNode) params.path("functions").path("search-fn")).put("pathPrefix", "/search-v2");
        Path edited = Files.createTempFile("params", ".json");
        Files.writeString(edited, params.toString());
        Run run = doctor(healthy, "--params", edited.toString());
        assertEquals(1, run.status);
        assertFailed(run, "search-fn", "no route at " + healthy.gatewayUrl() + "/search-v2/search?limit=1", "pathPrefix (/search-v2)");
        assertOnlyFailed(run, "search-fn");
    }

    @Test
    public void aWrongAudienceInTheSpecificationIsNamedAndPredictsThe401s() {
        try (LocalStack stack = start(Faults.NONE.withParam("auth.audiences", JSON.createArrayNode().add("https://wrong.example/")))) {
            Run run = doctor(stack, "--audience", LocalStack.AUDIENCE);
            assertFailed(run, "token claims", "aud [https://ocifn.local/] matches none of the accepted audiences"
                    + " [https://wrong.example/]", "auth.audiences");
            for (String fn : List.of("usage-fn", "search-fn", "pictures-fn")) {
                assertFailed(run, fn, "the gateway refused the token (401), as step two predicted: ", "token checks");
            }
            assertOnlyFailed(run, "token claims", "usage-fn", "search-fn", "pictures-fn");

            // Without --audience, doctor asks for the scopes under the deployment's audience, which the domain refuses.
            Run asIs = doctor(stack);
            assertFailed(asIs, "token", "https://wrong.example/usage", "primary audience");
            assertOnlyFailed(asIs, "token");
        }
    }

    @Test
    public void aWrongIssuerInTheSpecificationIsNamed() {
        try (LocalStack stack = start(Faults.NONE.withParam("auth.issuers",
                JSON.createArrayNode().add("https://idcs-0123456789abcdef.identity.oraclecloud.com")))) {
            Run run = doctor(stack);
            assertFailed(run, "token claims", "iss https://identity.oraclecloud.com/ is not among the accepted issuers",
                    "put https://identity.oraclecloud.com/ in auth.issuers");
            assertOnlyFailed(run, "token claims", "usage-fn", "search-fn", "pictures-fn");
        }
    }

    @Test
    public void aStaticKeyThatIsNotTheDomainsIsNamedWithBothModuli() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("SIGNING_KEY").generate();
        ObjectNode key = JSON.createObjectNode().put("kid", "SIGNING_KEY").put("kty", "RSA").put("use", "sig")
                .put("alg", "RS256").put("n", other.getModulus().toString()).put("e", other.getPublicExponent().toString());
        try (LocalStack stack = start(Faults.NONE.withParam("auth.staticKey", key))) {
            Run run = doctor(stack);
            assertFailed(run, "token key", "signature does not verify with the static key in the parameters (modulus "
                    + other.getModulus().toString().substring(0, 12), "run idcs-key again");
            assertTrue(run.cause("token key"), run.cause("token key").contains("the identity domain's key SIGNING_KEY now has modulus"));
            assertOnlyFailed(run, "token key", "usage-fn", "search-fn", "pictures-fn");
        }
    }

    @Test
    public void aMissingScopeASettingNeverSetAndAMissingPolicyEachFailTheirOwnCheck() {
        Faults faults = Faults.NONE.withClientScopes("usage", "search", "pictures")
                .withoutSetting("pictures-fn", "BUCKET_NAME")
                .denying("RequestSummarizedUsages");
        try (LocalStack stack = start(faults)) {
            Run run = doctor(stack, "--predict-body", predictBody.toString(), "--app", "ocifn");
            assertFailed(run, "token", "the domain refused https://ocifn.local/predict (invalid_scope)",
                    "add https://ocifn.local/predict to the client application local-client");
            assertFailed(run, "token scopes", "model-proxy-fn needs any of [predict]", "grant the client https://ocifn.local/predict");
            assertFailed(run, "model-proxy-fn", "the gateway refused the route (403)", "grant the client one of [predict]");
            assertFailed(run, "usage-fn", "404 NotAuthorizedOrNotFound",
                    "Allow dynamic-group ocifn-usage-fn to read usage-report in tenancy");
            assertFailed(run, "pictures-fn", "500 FunctionMisconfigured", "fn config function ocifn pictures-fn BUCKET_NAME <value>");
            assertOnlyFailed(run, "token", "token scopes", "model-proxy-fn", "usage-fn", "pictures-fn");
        }
    }

    @Test
    public void aFunctionThatTakesTooLongIsA504WithTheTimeoutToRaise() {
        try (LocalStack stack = LocalStack.start(options(Faults.NONE).withFunctionTimeout(Duration.ofMillis(1)), log())) {
            Run run = doctor(stack, "--only", "search-fn");
            assertFailed(run, "search-fn", "the function did not answer in time (504 from the gateway)", "`timeout:` in search-fn/func.yaml");
            assertOnlyFailed(run, "search-fn");
        }
    }

    private static void assertFailed(Run run, String check, String cause, String fix) {
        JsonNode c = run.checks.get(check);
        assertTrue(check + " in " + run.output, c != null);
        assertEquals(run.output, "FAIL", c.path("status").asText());
        assertTrue(c.path("cause").asText(), c.path("cause").asText().contains(cause));
        assertTrue(c.path("fix").asText(), c.path("fix").asText().contains(fix));
    }

    private static void assertOnlyFailed(Run run, String... failed) {
        List<String> expected = List.of(failed);
        assertEquals(1, run.status);
        run.checks.forEach((name, c) -> {
            if (!expected.contains(name)) {
                assertFalse(name + ": " + c, c.path("status").asText().equals("FAIL"));
            }
        });
    }

    private static LocalStack start(Faults faults) {
        return LocalStack.start(options(faults), log());
    }

    private static LocalStack.Options options(Faults faults) {
        try {
            return LocalStack.Options.local(REPOSITORY, Files.createTempDirectory("doctor-stack"))
                    .withRequestsPerSecond(1000).withFaults(faults);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrintStream log() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private record Run(int status, Map<String, JsonNode> checks, String output) {
        String cause(String check) {
            return checks.get(check).path("cause").asText();
        }
    }

    private record Output(int status, String stdout, String stderr) {
    }

    /** Runs the command as a user would, with --json, the secret in the environment. */
    private static Run doctor(LocalStack stack, String... extra) {
        List<String> args = new ArrayList<>(List.of("--json"));
        args.addAll(List.of(extra));
        Output out = main(stack, LocalStack.CLIENT_SECRET, args.toArray(String[]::new));
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        try {
            JSON.readTree(out.stdout).path("checks").forEach(c -> checks.put(c.path("name").asText(), c));
        } catch (IOException e) {
            throw new AssertionError(out.stdout + out.stderr, e);
        }
        return new Run(out.status, checks, out.stdout + out.stderr);
    }

    private static Output main(LocalStack stack, String secret, String... extra) {
        List<String> args = new ArrayList<>(List.of("doctor", "--gateway-url", stack.gatewayUrl(),
                "--domain-url", stack.identity().url(), "--client-id", LocalStack.CLIENT_ID));
        if (!List.of(extra).contains("--params")) {
            args.addAll(List.of("--params", stack.paramsFile().toString()));
        }
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("IDCS_CLIENT_SECRET", secret), () -> null);
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
