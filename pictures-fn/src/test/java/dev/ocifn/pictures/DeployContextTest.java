package dev.ocifn.pictures;

import dev.ocifn.testkit.DeployContextCheck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.junit.Assert.assertEquals;

/** `fn deploy` from pictures-fn/ has everything its image build needs inside pictures-fn/. */
public class DeployContextTest {
    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    @Test
    public void functionFolderHoldsItsWholeBuild() throws Exception {
        DeployContextCheck.Image image = DeployContextCheck.build(Path.of(""), scratch.getRoot().toPath());
        assertEquals("dev.ocifn.pictures.PicturesFunction::handleRequest", image.handler());
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "com/oracle/bmc/objectstorage/ObjectStorageClient.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "dev/ocifn/support/Boundary.class"));
        // The multipart parser and its StreamProvider implementation travel with the function.
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "jakarta/mail/internet/MimeMultipart.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "META-INF/services/jakarta.mail.util.StreamProvider"));
        // javax.activation for Jersey, jakarta.activation for Jakarta Mail: both present, once each.
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "javax/activation/DataSource.class"));
        assertEquals(1, DeployContextCheck.jarsContaining(image.appDir(), "jakarta/activation/DataSource.class"));
    }
}
