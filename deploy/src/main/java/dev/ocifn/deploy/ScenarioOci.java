package dev.ocifn.deploy;

import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local OCI a training run or a benchmark talks to: the signature-checking server, trusting one
 * resource principal of our own, answering the scenario's canned responses. The function gets
 * that principal and the server's endpoint as configuration, exactly as the functions' tests do.
 */
public final class ScenarioOci implements AutoCloseable {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private final FakeOciServer server;
    private final Scenario scenario;

    /**
     * The JDK's HttpServer writes an answer's headers and body separately and, by default, with
     * Nagle's algorithm on: against a client's delayed ACK each call then waits out the ACK timer,
     * which no real OCI endpoint would make it do. Must run before the first server starts (the
     * JDK reads it once).
     */
    public static void tuneServer() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public ScenarioOci(Scenario raw) {
        server = FakeOciServer.start(new TrustStore().trust(principal));
        scenario = raw.resolve(s -> s.replace("${endpoint}", server.endpoint())
                .replace("${tenancyId}", principal.tenancyId())
                .replace("${compartmentId}", principal.compartmentId()));
        for (Scenario.Answer a : scenario.answers()) {
            for (String method : a.method().equals("*") ? METHODS : List.of(a.method())) {
                server.on(method, a.pathRegex(), req -> {
                    StubResponse r = StubResponse.bytes(a.status(), null, a.body());
                    a.headers().forEach(r::header);
                    return r;
                });
            }
        }
        server.bodyNotSignedFor((method, path) -> scenario.bodyNotSigned().stream()
                .anyMatch(r -> r.method().equals(method) && Pattern.matches(r.pathRegex(), path)));
    }

    public Scenario scenario() {
        return scenario;
    }

    /** What the child JVM's environment holds: Fn's variables and the function's configuration. */
    public Map<String, String> environment(String function, int memoryMb) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("FN_FORMAT", "http-stream");
        env.put("FN_LISTENER", "unix:/tmp/iofs/lsnr.sock");
        env.put("FN_APP_ID", "ocid1.fnapp.oc1.iad.bench");
        env.put("FN_APP_NAME", "bench");
        env.put("FN_FN_ID", principal.functionId());
        env.put("FN_FN_NAME", function);
        env.put("FN_MEMORY", String.valueOf(memoryMb));
        env.put("FN_TYPE", "sync");
        env.putAll(principal.config());
        env.put("OCI_ENDPOINT", server.endpoint());
        env.putAll(scenario.config());
        return env;
    }

    public int verifiedCalls() {
        return server.requests().size();
    }

    public int rejectedCalls() {
        return server.rejections().size();
    }

    public List<String> rejections() {
        return server.rejections();
    }

    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = server.requests();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    public int port() {
        return server.port();
    }

    public void reset() {
        server.reset();
    }

    @Override
    public void close() {
        server.close();
    }
}
