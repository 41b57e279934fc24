package dev.ocifn.modelproxy;

import dev.ocifn.testkit.DeployContextContractTest;

/** `fn deploy` from model-proxy-fn/ has everything its image build needs inside model-proxy-fn/. */
public class DeployContextTest extends DeployContextContractTest {
    public DeployContextTest() {
        // Predict has no SDK client: the SDK's request signer and the JDK HTTP client do the call.
        super(ModelProxyFunction.class,
                "com/oracle/bmc/http/signing/DefaultRequestSigner.class",
                "com/oracle/bmc/http/client/io/DuplicatableInputStream.class");
    }
}
