package dev.ocifn.pictures;

import dev.ocifn.testkit.DeployContextContractTest;

/** `fn deploy` from pictures-fn/ has everything its image build needs inside pictures-fn/. */
public class DeployContextTest extends DeployContextContractTest {
    public DeployContextTest() {
        super(PicturesFunction.class,
                "com/oracle/bmc/objectstorage/ObjectStorageClient.class",
                // The multipart parser and its StreamProvider implementation travel with the function.
                "jakarta/mail/internet/MimeMultipart.class",
                "META-INF/services/jakarta.mail.util.StreamProvider",
                "jakarta/activation/DataSource.class");
    }
}
