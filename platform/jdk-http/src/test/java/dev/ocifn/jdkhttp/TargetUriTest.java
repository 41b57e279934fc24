package dev.ocifn.jdkhttp;

import org.junit.Test;

import java.net.URI;

import static org.junit.Assert.assertEquals;

public class TargetUriTest {
    private static String target(String base, String... parts) {
        TargetUri t = TargetUri.base(URI.create(base));
        for (String p : parts) {
            t = t.withPathPart(p);
        }
        return t.toUri().toString();
    }

    @Test
    public void joinsPathPartsWithOneSlashAsJerseyDoes() {
        assertEquals("https://usageapi.us-ashburn-1.oci.oraclecloud.com/20200107/usage",
                target("https://usageapi.us-ashburn-1.oci.oraclecloud.com", "/20200107", "usage"));
        assertEquals("http://127.0.0.1:8080/20200107/usage", target("http://127.0.0.1:8080/", "/20200107", "/usage"));
        assertEquals("http://127.0.0.1:8080/a/b", target("http://127.0.0.1:8080", "a/", "b"));
    }

    @Test
    public void dropsTheDefaultPortSoTheSignedHostIsTheSentHost() {
        assertEquals("https://objectstorage.example.com/n", target("https://objectstorage.example.com:443", "n"));
        assertEquals("http://example.com/n", target("http://example.com:80", "n"));
        assertEquals("https://example.com:8443/n", target("https://example.com:8443", "n"));
    }

    @Test
    public void keepsTheSdksEscapesAndEscapesOnlyWhatAUriCannotHold() {
        assertEquals("a%2Fb%20c", TargetUri.encode("a%2Fb%20c", "abc"));
        assertEquals("/o/a%7Cb%5B1%5D%C3%BC%25zz+", target("http://h", "/o/a|b[1]ü%zz+").substring("http://h".length()));
        assertEquals("%F0%9F%98%80", TargetUri.encode("\uD83D\uDE00", ""));
    }

    @Test
    public void queryParametersKeepTheirOrderAndTheirEncoding() {
        URI uri = TargetUri.base(URI.create("http://h")).withPathPart("/x")
                .withQuery("page", "a%2Fb%20c").withQuery("limit", "5").withQuery("raw", "a&b=c+d").toUri();
        assertEquals("page=a%2Fb%20c&limit=5&raw=a%26b%3Dc%2Bd", uri.getRawQuery());
    }
}
