package dev.ocifn.testkit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;

/**
 * {@code fn deploy} from a function's folder has everything its image build needs inside that
 * folder (see {@link DeployContextCheck}): the image runs the function's handler, and each named
 * entry (the SDK client class, a service file) is in exactly one of the image's app jars, as is
 * fn-support's Boundary. A function's DeployContextTest extends this, run from its folder.
 */
public abstract class DeployContextContractTest {
    /** Every function answers through fn-support's Boundary, so every image must carry it. */
    static final String BOUNDARY = "dev/ocifn/support/Boundary.class";

    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    private final String handler;
    private final List<String> entries;

    /** The function class (handler {@code handleRequest}) and the jar entries its image needs. */
    protected DeployContextContractTest(Class<?> function, String... entries) {
        this.handler = function.getName() + "::handleRequest";
        this.entries = new ArrayList<>(List.of(entries));
        this.entries.add(BOUNDARY);
    }

    @Test
    public void functionFolderHoldsItsWholeBuild() throws Exception {
        DeployContextCheck.Image image = DeployContextCheck.build(Path.of(""), scratch.getRoot().toPath());
        assertEquals(handler, image.handler());
        for (String entry : entries) {
            assertEquals(entry, 1, DeployContextCheck.jarsContaining(image.appDir(), entry));
        }
    }
}
