package dev.ocifn.deploy;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;

/** deploy/maven-proxy.sh: the proxy `fn build` passes as build args, as Maven's system properties. */
public class MavenProxyTest {
    private static String opts(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", ". ./maven-proxy.sh && maven_proxy_opts"))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(out, 0, p.waitFor());
        return out;
    }

    @Test
    public void noProxyNoOptions() throws Exception {
        assertEquals("", opts(Map.of()));
    }

    @Test
    public void hostAndPortOfEachSchemeWithoutCredentials() throws Exception {
        assertEquals("-Dhttp.proxyHost=proxy.example -Dhttp.proxyPort=3128 -Dhttps.proxyHost=secure.example"
                        + " -Dhttps.proxyPort=8443 -Dhttp.nonProxyHosts=localhost|169.254.169.254",
                opts(Map.of("HTTP_PROXY", "http://user:secret@proxy.example:3128/", "HTTPS_PROXY", "http://secure.example:8443",
                        "NO_PROXY", "localhost,169.254.169.254")));
    }

    @Test
    public void lowerCaseVariablesAndAUrlWithoutPort() throws Exception {
        assertEquals("-Dhttps.proxyHost=proxy.example", opts(Map.of("https_proxy", "http://proxy.example")));
    }
}
