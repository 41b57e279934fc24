package dev.ocifn.modelproxy;

import dev.ocifn.testkit.DeployContextCheck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.junit.Assert.assertEquals;

/** `fn deploy` from model-proxy-fn/ has everything its image build needs inside model-proxy-fn/. */
public class DeployContextTest {
    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    @Test
    public void functionFolderHoldsItsWholeBuild() throws Exception {
        DeployContextCheck.Image image = DeployContextCheck.build(Path.of(""), scratch.getRoot().toPath());
        assertEquals("dev.ocifn.modelproxy.ModelProxyFunction::handleRequest", image.handler());
        // Predict has no SDK client: the SDK's request signer and the JDK HTTP client do the call.
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "com/oracle/bmc/http/signing/DefaultRequestSigner.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "com/oracle/bmc/http/client/io/DuplicatableInputStream.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "dev/ocifn/support/Boundary.class"));
    }
}
