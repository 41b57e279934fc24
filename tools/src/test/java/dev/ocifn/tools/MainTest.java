package dev.ocifn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ocifn.tools.idcs.FakeTokenEndpoint;
import dev.ocifn.tools.json.JsonFiles;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The commands as a user runs them: exit status, stdout and the one-line error. */
public class MainTest {
    private static final RSAKey SIGNING = Fixtures.rsaKey("SIGNING_KEY");
    private static final String CLIENT = "0123456789abcdef0123456789abcdef";
    private static final String SECRET = "the-client-secret";
    private static final String SCOPE = "https://ocifn.example.com/usage";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, () -> null, HttpClient::newHttpClient);
        return main.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneLineError(String expected) {
        assertTrue(err(), err().startsWith("error: "));
        assertEquals(err(), 1, err().split("\n").length);
        assertTrue(err(), err().contains(expected));
    }

    @Test
    public void tokenPrintsOnlyTheAccessToken() throws Exception {
        try (FakeTokenEndpoint idcs = new FakeTokenEndpoint(CLIENT, SECRET, SCOPE)) {
            int status = run(Map.of("IDCS_CLIENT_SECRET", SECRET), "token", "--domain-url", idcs.domainUrl().toString(),
                    "--client-id", CLIENT, "--scope", SCOPE);
            assertEquals(err(), 0, status);
            assertEquals(FakeTokenEndpoint.TOKEN + "\n", out());
            assertEquals("", err());
        }
    }

    @Test
    public void tokenRefusesASecretOnTheCommandLine() throws Exception {
        try (FakeTokenEndpoint idcs = new FakeTokenEndpoint(CLIENT, SECRET, SCOPE)) {
            int status = run(Map.of(), "token", "--domain-url", idcs.domainUrl().toString(), "--client-id", CLIENT,
                    "--client-secret", SECRET, "--scope", SCOPE);
            assertEquals(2, status);
            assertOneLineError("refusing a client secret on the command line");
            assertFalse(err().contains(SECRET));
            assertEquals("", out());
            assertEquals("nothing may be sent with a refused secret", null, idcs.lastBody());
        }
    }

    @Test
    public void tokenRefusesTheEqualsSpellingToo() {
        assertEquals(2, run(Map.of(), "token", "--client-secret=" + SECRET));
        assertOneLineError("refusing a client secret");
        assertFalse(err().contains(SECRET));
    }

    @Test
    public void tokenWithoutSecretOrTerminalSaysWhereTheSecretComesFrom() {
        assertEquals(2, run(Map.of(), "token", "--domain-url", "https://idcs-0123456789abcdef.identity.oraclecloud.com",
                "--client-id", CLIENT, "--scope", SCOPE));
        assertOneLineError("set IDCS_CLIENT_SECRET");
    }

    @Test
    public void tokenRefusedByTheDomainIsOneLineWithoutTheSecret() throws Exception {
        try (FakeTokenEndpoint idcs = new FakeTokenEndpoint(CLIENT, SECRET, SCOPE)) {
            int status = run(Map.of("IDCS_CLIENT_SECRET", "not-" + SECRET), "token", "--domain-url",
                    idcs.domainUrl().toString(), "--client-id", CLIENT, "--scope", SCOPE);
            assertEquals(2, status);
            assertOneLineError("invalid_client");
            assertFalse(err().contains(SECRET));
            assertEquals("", out());
        }
    }

    @Test
    public void doctorRefusesASecretOnTheCommandLineAndFlagsWithAValue() {
        assertEquals(2, run(Map.of(), "doctor", "--client-secret=" + SECRET));
        assertOneLineError("use --client-secret-file FILE, set IDCS_CLIENT_SECRET");
        assertFalse(err().contains(SECRET));
        err.reset();
        assertEquals(2, run(Map.of(), "doctor", "--write=yes"));
        assertOneLineError("option --write takes no value");
    }

    @Test
    public void doctorNamesAParametersFileThatIsNotThere() {
        assertEquals(2, run(Map.of(), "doctor", "--gateway-url", "https://gw.example", "--domain-url",
                "https://idcs-0123456789abcdef.identity.oraclecloud.com", "--client-id", CLIENT, "--params", "no/such.json"));
        assertOneLineError("--params: no/such.json does not exist");
    }

    @Test
    public void doctorSendsTheTokenOnlyOverHttps() {
        assertEquals(2, run(Map.of(), "doctor", "--gateway-url", "http://gw.example", "--domain-url",
                "https://idcs-0123456789abcdef.identity.oraclecloud.com", "--client-id", CLIENT));
        assertOneLineError("--gateway-url: must be an https URL");
    }

    @Test
    public void idcsKeyWritesTheStaticKeyToStdout() throws Exception {
        Path jwks = tmp.getRoot().toPath().resolve("jwk.json");
        Files.writeString(jwks, Fixtures.jwks(Fixtures.idcsShapedKey(SIGNING)));
        assertEquals(err(), 0, run(Map.of(), "idcs-key", "--jwks-file", jwks.toString()));
        JsonNode key = JsonFiles.parse(out(), "stdout");
        assertEquals("SIGNING_KEY", key.get("kid").asText());
        assertEquals("sig", key.get("use").asText());
        assertFalse(key.has("key_ops"));
    }

    @Test
    public void idcsKeyNeedsExactlyOneSource() {
        assertEquals(2, run(Map.of(), "idcs-key"));
        assertOneLineError("exactly one of --jwks-file and --jwks-url");
    }

    @Test
    public void idcsKeyRefusesPlainHttpToAnotherHost() {
        assertEquals(2, run(Map.of(), "idcs-key", "--jwks-url", "http://idcs-0123456789abcdef.identity.oraclecloud.com/admin/v1/SigningCert/jwk"));
        assertOneLineError("must be an https URL");
    }

    @Test
    public void renderWritesSpecsPoliciesAndTheCommands() throws Exception {
        Path params = Fixtures.exampleParamsIn(tmp.newFolder("in").toPath(), SIGNING);
        Path outDir = tmp.getRoot().toPath().resolve("out");
        assertEquals(err(), 0, run(Map.of(), "render", "--params", params.toString(), "--out", outDir.toString()));
        for (String fn : new String[] {"usage-fn", "search-fn", "pictures-fn", "model-proxy-fn"}) {
            assertTrue(fn, Files.isRegularFile(outDir.resolve(fn + ".json")));
            assertTrue(fn, Files.readString(outDir.resolve("policies/" + fn + ".matching-rule.txt")).startsWith("ALL {"));
            assertTrue(JsonFiles.read(outDir.resolve("policies/" + fn + ".statements.json")).isArray());
        }
        String script = Files.readString(outDir.resolve("oci-commands.sh"));
        assertTrue(script, script.contains("--path-prefix '/oracleapi' --specification 'file://" + outDir.resolve("search-fn.json") + "'"));
        assertTrue(script, script.contains("oci iam policy create --compartment-id 'ocid1.tenancy.oc1..aaaaaaaaexampletenancy' --name 'ocifn-gateway'"));
        assertTrue(out(), out().contains("wrote " + outDir.resolve("oci-commands.sh")));
        // API Gateway checks at creation that it may invoke the function: groups, policies, then deployments.
        List<String> lines = List.of(script.split("\n"));
        int lastGroup = -1;
        int firstPolicy = Integer.MAX_VALUE;
        int lastPolicy = -1;
        int firstDeployment = Integer.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("oci iam dynamic-group create")) {
                lastGroup = i;
            } else if (line.startsWith("oci iam policy create")) {
                firstPolicy = Math.min(firstPolicy, i);
                lastPolicy = i;
            } else if (line.startsWith("oci api-gateway deployment create")) {
                firstDeployment = Math.min(firstDeployment, i);
                assertTrue(line, line.endsWith(" --wait-for-state SUCCEEDED"));
            }
        }
        assertTrue(script, lastGroup >= 0 && lastGroup < firstPolicy);
        assertTrue(script, lastPolicy < firstDeployment && firstDeployment < lines.size());
        assertTrue(script, script.contains("--force --wait-for-state SUCCEEDED"));
    }

    @Test
    public void failedRenderWritesNothing() throws Exception {
        Path params = Fixtures.exampleParamsIn(tmp.newFolder("in").toPath(), SIGNING);
        String text = Files.readString(params).replace("\"pictures-fn\"", "\"pictures\"");
        Files.writeString(params, text);
        Path outDir = tmp.getRoot().toPath().resolve("out");
        assertEquals(2, run(Map.of(), "render", "--params", params.toString(), "--out", outDir.toString()));
        assertOneLineError("missing parameters functions.pictures-fn.functionId");
        assertFalse(Files.exists(outDir));
    }

    @Test
    public void renderOnlySomeFunctions() throws Exception {
        Path params = Fixtures.exampleParamsIn(tmp.newFolder("in").toPath(), SIGNING);
        Path outDir = tmp.getRoot().toPath().resolve("out");
        assertEquals(err(), 0, run(Map.of(), "render", "--params", params.toString(), "--out", outDir.toString(), "--only", "usage-fn"));
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".json")).count());
        }
        assertEquals(2, run(Map.of(), "render", "--params", params.toString(), "--out", outDir.toString(), "--only", "nope"));
        assertOneLineError("no deployment template 'nope'");
    }

    @Test
    public void unknownCommandAndOptionAreUsageErrors() {
        assertEquals(2, run(Map.of(), "deploy"));
        assertTrue(err(), err().startsWith("error: unknown command 'deploy'"));
        err.reset();
        assertEquals(2, run(Map.of(), "render", "--param", "x"));
        assertOneLineError("unknown option --param");
    }
}
