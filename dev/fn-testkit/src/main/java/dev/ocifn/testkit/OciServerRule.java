package dev.ocifn.testkit;

import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.TrustStore;

import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import org.junit.rules.ExternalResource;

/**
 * An {@link FakeOciServer} that trusts a fresh resource principal, for a class of tests
 * (usually parameterized) that each send a function one call it must refuse. Use it as a static
 * {@code @ClassRule}: the server starts at once, so {@code @Parameters} may already name its
 * endpoint, and stops after the class.
 */
public final class OciServerRule extends ExternalResource {
    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private final FakeOciServer server = FakeOciServer.start(new TrustStore().trust(principal));

    public static OciServerRule start() {
        return new OciServerRule();
    }

    public FakeOciServer server() {
        return server;
    }

    public ResourcePrincipalFixture principal() {
        return principal;
    }

    /** Gives the function the principal and this server as {@code OCI_ENDPOINT}, and forgets earlier requests. */
    public void configure(FnTestingRule fn) {
        principal.config().forEach(fn::setConfig);
        fn.setConfig("OCI_ENDPOINT", server.endpoint());
        server.reset();
    }

    /** See {@link ErrorAnswer#refusedBeforeOci}: this error, and nothing reached this server. */
    public ErrorAnswer refused(FnResult result, int status, String code) {
        return ErrorAnswer.refusedBeforeOci(result, server, status, code);
    }

    @Override
    protected void after() {
        server.close();
    }
}
