package dev.ocifn.usage;

import dev.ocifn.testkit.DeployContextCheck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.junit.Assert.assertEquals;

/** `fn deploy` from usage-fn/ has everything its image build needs inside usage-fn/. */
public class DeployContextTest {
    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    @Test
    public void functionFolderHoldsItsWholeBuild() throws Exception {
        DeployContextCheck.Image image = DeployContextCheck.build(Path.of(""), scratch.getRoot().toPath());
        assertEquals("dev.ocifn.usage.UsageFunction::handleRequest", image.handler());
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "com/oracle/bmc/usageapi/UsageapiClient.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "dev/ocifn/support/Boundary.class"));
    }
}
