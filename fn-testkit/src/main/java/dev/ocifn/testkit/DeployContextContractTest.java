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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * {@code fn deploy} from a function's folder has everything its image build needs inside that
 * folder (see {@link DeployContextCheck}): the image runs the function's handler, and each named
 * entry (the SDK client class, a service file) is in exactly one of the image's app jars, as are
 * fn-support's Boundary and jdk-http's provider, with no Jersey; the training invocation's class
 * list (the AppCDS archive's input) holds those classes. A function's DeployContextTest extends this, run from its folder.
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
        // The ENTRYPOINT's -XX:CompilerDirectivesFile: without it the JVM would not start.
        assertTrue(Files.isRegularFile(image.classList().resolveSibling("jit-directives.json")));
        String handlerClass = handler.substring(0, handler.indexOf("::")).replace('.', '/');
        assertTrue(handlerClass + " is not in the training run's class list", listed.contains(handlerClass));
    }
}
