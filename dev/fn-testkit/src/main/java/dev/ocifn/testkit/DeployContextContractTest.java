package dev.ocifn.testkit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * {@code fn deploy} from a function's folder has everything its image build needs inside that
 * folder (see {@link DeployContextCheck}): the image runs the function's handler, and each named
 * entry (the SDK client class, a service file) is in exactly one of the image's app jars, as are
 * fn-support's Boundary and jdk-http's provider, with no Jersey; the training invocation's class
 * list (the AppCDS archive's input) holds those classes. The image's FDK runs the function, so the
 * app jar holds no FDK class. The build step stages only what ships or builds the image: never
 * the benchmark or this JUnit kit. A function's DeployContextTest extends this, run from its folder.
 */
public abstract class DeployContextContractTest {
    /** Every function answers through fn-support's Boundary, so every image must carry it. */
    static final String BOUNDARY = "dev/ocifn/support/Boundary.class";
    /** The SDK runs on jdk-http; these would mean Jersey came back (a much slower cold start). */
    static final List<String> ABSENT = List.of("org/glassfish/jersey/client/JerseyClient.class",
            "com/oracle/bmc/http/client/jersey/JerseyHttpProvider.class", "org/glassfish/hk2/api/ServiceLocator.class");
    static final String PROVIDER_REGISTRATION = "META-INF/services/com.oracle.bmc.http.client.HttpProvider";

    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    private final String handler;
    private final List<String> entries;

    /**
     * The function class (handler {@code handleRequest}) and the jar entries its image needs; the
     * first is a class its benchmark scenario (the image build's training invocation) loads.
     */
    protected DeployContextContractTest(Class<?> function, String... entries) {
        this.handler = function.getName() + "::handleRequest";
        this.entries = new ArrayList<>(List.of(entries));
        this.entries.add(BOUNDARY);
        this.entries.add("dev/ocifn/jdkhttp/JdkHttpProvider.class");
        this.entries.add(PROVIDER_REGISTRATION);
    }

    @Test
    public void functionFolderHoldsItsWholeBuild() throws Exception {
        DeployContextCheck.Image image = DeployContextCheck.build(Path.of(""), scratch.getRoot().toPath());
        assertEquals(handler, image.handler());
        String function = Path.of("").toAbsolutePath().getFileName().toString();
        Set<String> staged = new TreeSet<>();
        try (Stream<Path> top = Files.list(image.context())) {
            top.forEach(p -> staged.add(p.getFileName().toString()));
        }
        // Nothing from dev/ (benchmark, JUnit kit, local stack): a change there can never break an
        // image build.
        assertEquals(new TreeSet<>(List.of("pom.xml", "platform", "deploy", function)), staged);
        Set<String> platform = new TreeSet<>();
        try (Stream<Path> modules = Files.list(image.context().resolve("platform"))) {
            modules.forEach(p -> platform.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("fn-support", "jdk-http")), platform);
        assertTrue("the build step's log", Files.isRegularFile(image.context().resolveSibling("context.log")));
        assertEquals("FDK classes in the app jar (the runtime image brings the FDK)", 0,
                DeployContextCheck.entriesUnder(image.appDir(), "com/fnproject/"));
        for (String entry : entries) {
            assertEquals(entry, 1, DeployContextCheck.jarsContaining(image.appDir(), entry));
        }
        for (String entry : ABSENT) {
            assertEquals(entry, 0, DeployContextCheck.jarsContaining(image.appDir(), entry));
        }
        // The training invocation (the function's benchmark scenario) loaded the handler, the SDK's
        // client (the first entry), the HTTP provider and the Boundary, so the AppCDS archive made
        // from this list holds them.
        Set<String> listed = new HashSet<>();
        for (String line : Files.readAllLines(image.classList())) {
            listed.add(line.split(" ")[0]);
        }
        for (String entry : List.of(entries.get(0), BOUNDARY, "dev/ocifn/jdkhttp/JdkHttpProvider.class")) {
            String name = entry.substring(0, entry.length() - ".class".length());
            assertTrue(name + " is not in the training run's class list", listed.contains(name));
        }
        // The run stage's inputs: its script, the JVM flags and the JIT directives they name.
        for (String file : List.of("run-stage.sh", "jvm-flags", "jit-directives.json")) {
            assertTrue(file, Files.isRegularFile(image.classList().resolveSibling(file)));
        }
        String handlerClass = handler.substring(0, handler.indexOf("::")).replace('.', '/');
        assertTrue(handlerClass + " is not in the training run's class list", listed.contains(handlerClass));
    }
}
