package dev.ocifn.deploy;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * deploy/preflight.sh against stand-ins for fn, podman, docker, oci, uname and curl on a PATH that
 * holds nothing else but the shell tools the script uses: a passing machine, then each failure
 * alone (every other check still runs and passes, the exit status is 1, the failing line names
 * the fix).
 */
public class PreflightTest {
    private static final Path SCRIPT = Path.of("preflight.sh").toAbsolutePath();
    private static final String CONTEXT = "api-url: https://functions.eu-frankfurt-1.oraclecloud.com\n"
            + "oracle.compartment-id: ocid1.compartment.oc1..aaaa\nprovider: oracle-cs\n"
            + "registry: fra.ocir.io/tenancyns/ocifn\n";

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path bin;
    private Path state;

    record Result(int exit, List<String> lines) {
        long failures() {
            return lines.stream().filter(l -> l.startsWith("FAIL ")).count();
        }

        String failure() {
            return lines.stream().filter(l -> l.startsWith("FAIL ")).findFirst().orElse("");
        }
    }

    @Before
    public void machine() throws Exception {
        bin = tmp.newFolder("bin").toPath();
        state = tmp.newFolder("state").toPath();
        for (String tool : List.of("sh", "sed", "head", "tr", "grep", "dirname", "cat")) {
            Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), real.toRealPath());
        }
        standIn("fn", """
                case "$1 $2" in
                  "--version "*) echo "fn version 0.6.63" ;;
                  "inspect context") cat "$STATE/context" ;;
                  "inspect app") [ -f "$STATE/shape" ] || { echo "app not found" >&2; exit 1; }; printf '"%s"\\n' "$(cat "$STATE/shape")" ;;
                  *) exit 3 ;;
                esac""");
        standIn("podman", """
                case "$1 $2" in
                  "login --get-login") [ -f "$STATE/login" ] && cat "$STATE/login" || { echo "not logged into $3" >&2; exit 125; } ;;
                  "manifest inspect") ! grep -qx "$3" "$STATE/missing" 2>/dev/null ;;
                  *) exit 3 ;;
                esac""");
        standIn("uname", "[ \"$1\" = -m ] && cat \"$STATE/arch\"");
        standIn("curl", "[ ! -f \"$STATE/offline\" ]");
        write("context", CONTEXT);
        write("login", "tenancyns/jane");
        write("arch", "x86_64");
        write("shape", "GENERIC_X86");
    }

    private void standIn(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(state.resolve(name), content);
    }

    private Result preflight(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.resolve("sh").toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("STATE", state.toString());
        pb.environment().put("HOME", tmp.getRoot().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out.lines().toList());
    }

    /** The run failed on exactly this check, every other check ran and passed. */
    private void failsOnlyOn(Result r, int lines, String failure, String fix) {
        assertEquals(String.join("\n", r.lines()), 1, r.exit());
        assertEquals(String.join("\n", r.lines()), 1, r.failures());
        assertEquals(String.join("\n", r.lines()), lines, r.lines().size());
        assertTrue(r.failure(), r.failure().startsWith("FAIL " + failure));
        assertTrue(r.failure(), r.failure().contains("; fix: " + fix));
    }

    @Test
    public void aReadyMachinePassesEveryCheck() throws Exception {
        Result r = preflight("--app", "ocifn", "--maven");
        assertEquals(String.join("\n", r.lines()), 0, r.exit());
        assertEquals(List.of(
                "PASS fn: fn version 0.6.63",
                "PASS fn context registry: fra.ocir.io/tenancyns/ocifn",
                "PASS fn context oracle.compartment-id: ocid1.compartment.oc1..aaaa",
                "PASS fn context api-url: https://functions.eu-frankfurt-1.oraclecloud.com",
                "PASS container engine: podman",
                "PASS registry login: fra.ocir.io as tenancyns/jane",
                "PASS app ocifn: shape GENERIC_X86 matches this machine (x86_64)",
                "PASS base image docker.io/fnproject/fn-java-fdk-build:jdk17-1.1.7 resolves",
                "PASS base image docker.io/fnproject/fn-java-fdk:jre17-1.1.7 resolves",
                "PASS Maven Central answers from here"), r.lines());
    }

    @Test
    public void withoutFnEveryContextCheckFailsToo() throws Exception {
        Files.delete(bin.resolve("fn"));
        Result r = preflight();
        assertEquals(1, r.exit());
        assertTrue(r.failure(), r.failure().startsWith("FAIL fn: not on the PATH; fix: use OCI Cloud Shell"));
        assertTrue(r.lines().toString(), r.lines().contains("PASS container engine: podman"));
    }

    @Test
    public void aContextWithoutCompartment() throws Exception {
        write("context", CONTEXT.replace("oracle.compartment-id: ocid1.compartment.oc1..aaaa\n", ""));
        failsOnlyOn(preflight(), 8, "fn context oracle.compartment-id: not set",
                "fn update context oracle.compartment-id <compartment OCID>");
    }

    @Test
    public void aContextWithoutRegistryOrApiUrl() throws Exception {
        write("context", CONTEXT.replace("api-url: https://functions.eu-frankfurt-1.oraclecloud.com\n", ""));
        failsOnlyOn(preflight(), 8, "fn context api-url: not set", "fn update context api-url https://functions.<region>.oraclecloud.com");
        write("context", CONTEXT.replace("registry: fra.ocir.io/tenancyns/ocifn\n", ""));
        Result r = preflight();
        assertEquals(2, r.failures());
        assertTrue(r.lines().toString(), r.lines().contains("FAIL fn context registry: not set (fn inspect context); "
                + "fix: fn update context registry <region-key>.ocir.io/<tenancy-namespace>/<repo-prefix>"));
    }

    @Test
    public void podmanNotLoggedInToTheRegistry() throws Exception {
        Files.delete(state.resolve("login"));
        failsOnlyOn(preflight(), 8, "registry login: podman is not logged in to fra.ocir.io", "podman login fra.ocir.io");
    }

    @Test
    public void dockerWithAndWithoutCredentials() throws Exception {
        Files.move(bin.resolve("podman"), bin.resolve("docker"));
        failsOnlyOn(preflight(), 8, "registry login: docker has no credentials for fra.ocir.io", "docker login fra.ocir.io");
        Files.createDirectories(tmp.getRoot().toPath().resolve(".docker"));
        Files.writeString(tmp.getRoot().toPath().resolve(".docker/config.json"), "{\"auths\":{\"fra.ocir.io\":{\"auth\":\"x\"}}}");
        Result r = preflight();
        assertEquals(String.join("\n", r.lines()), 0, r.exit());
        assertTrue(r.lines().contains("PASS registry login: docker has credentials for fra.ocir.io"));
    }

    @Test
    public void noContainerEngine() throws Exception {
        Files.delete(bin.resolve("podman"));
        failsOnlyOn(preflight(), 5, "container engine: neither docker nor podman", "use OCI Cloud Shell, or install Docker");
    }

    @Test
    public void anAppOfTheOtherArchitecture() throws Exception {
        write("arch", "aarch64");
        failsOnlyOn(preflight("--app", "ocifn"), 9, "app ocifn: shape GENERIC_X86, but this machine is aarch64 (GENERIC_ARM)",
                "deploy from a machine of the app's architecture (uname -m), or recreate the app with --shape GENERIC_ARM");
    }

    @Test
    public void aMultiArchitectureAppFromCloudShell() throws Exception {
        write("shape", "GENERIC_X86_ARM");
        failsOnlyOn(preflight("--app", "ocifn"), 9, "app ocifn: shape GENERIC_X86_ARM needs a multi-architecture build",
                "recreate the app with --shape GENERIC_X86");
    }

    @Test
    public void theShapeFromTheOciCliWhenFnCannotTellAndNoAppAtAll() throws Exception {
        Files.delete(state.resolve("shape"));
        failsOnlyOn(preflight("--app", "ocifn"), 9, "app ocifn: its shape could not be read", "fn create app ocifn");
        standIn("oci", "[ \"$1 $2 $3\" = \"fn application list\" ] && echo GENERIC_X86");
        Result r = preflight("--app", "ocifn");
        assertEquals(String.join("\n", r.lines()), 0, r.exit());
        assertTrue(r.lines().contains("PASS app ocifn: shape GENERIC_X86 matches this machine (x86_64)"));
    }

    @Test
    public void aBaseImageThatDoesNotResolve() throws Exception {
        write("missing", "docker.io/fnproject/fn-java-fdk:jre17-1.1.7\n");
        failsOnlyOn(preflight(), 8, "base image docker.io/fnproject/fn-java-fdk:jre17-1.1.7 does not resolve",
                "check the network or proxy to Docker Hub");
    }

    @Test
    public void mavenCentralUnreachableOnlyWhenAsked() throws Exception {
        write("offline", "");
        assertEquals(0, preflight().exit());
        failsOnlyOn(preflight("--maven"), 9, "Maven Central does not answer from here", "check the network");
    }
}
