package dev.ocifn.support;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

/** OCI_ENDPOINT reaches every outbound call, so only scheme://host[:port] gets through. */
public class OciClientsTest {
    @Test
    public void endpointsKeepSchemeHostAndPort() {
        assertEquals("http://127.0.0.1:8099", OciClients.checkedEndpoint("http://127.0.0.1:8099"));
        assertEquals("https://usageapi.us-ashburn-1.oci.oraclecloud.com",
                OciClients.checkedEndpoint("https://usageapi.us-ashburn-1.oci.oraclecloud.com/"));
    }

    @Test
    public void anythingMoreIsAConfigurationError() {
        for (String bad : List.of("ftp://host", "http://user:pw@host", "http://host/path", "http://host?q=1",
                "http://host#f", "host:8080", "http://", "not a url")) {
            FnError e = assertThrows(bad, FnError.class, () -> OciClients.checkedEndpoint(bad));
            assertEquals(500, e.status());
        }
    }
}
