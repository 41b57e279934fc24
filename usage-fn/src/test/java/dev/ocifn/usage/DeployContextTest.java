package dev.ocifn.usage;

import dev.ocifn.testkit.DeployContextContractTest;

/** `fn deploy` from usage-fn/ has everything its image build needs inside usage-fn/. */
public class DeployContextTest extends DeployContextContractTest {
    public DeployContextTest() {
        super(UsageFunction.class, "com/oracle/bmc/usageapi/UsageapiClient.class");
    }
}
