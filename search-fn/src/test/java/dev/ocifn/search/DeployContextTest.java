package dev.ocifn.search;

import dev.ocifn.testkit.DeployContextCheck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.junit.Assert.assertEquals;

/** `fn deploy` from search-fn/ has everything its image build needs inside search-fn/. */
public class DeployContextTest {
    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    @Test
    public void functionFolderHoldsItsWholeBuild() throws Exception {
        DeployContextCheck.Image image = DeployContextCheck.build(Path.of(""), scratch.getRoot().toPath());
        assertEquals("dev.ocifn.search.SearchFunction::handleRequest", image.handler());
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(),
                "com/oracle/bmc/resourcesearch/ResourceSearchClient.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "dev/ocifn/support/Boundary.class"));
    }
}
