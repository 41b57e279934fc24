package dev.ocifn.search;

import dev.ocifn.testkit.DeployContextContractTest;

/** `fn deploy` from search-fn/ has everything its image build needs inside search-fn/. */
public class DeployContextTest extends DeployContextContractTest {
    public DeployContextTest() {
        super(SearchFunction.class, "com/oracle/bmc/resourcesearch/ResourceSearchClient.class");
    }
}
