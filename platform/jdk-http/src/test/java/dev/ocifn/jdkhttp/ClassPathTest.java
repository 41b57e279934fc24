package dev.ocifn.jdkhttp;

import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.http.client.Serializer;
import org.junit.Test;

import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The SDK finds this provider and nothing of Jersey, HK2 or Apache HttpClient is around to help. */
public class ClassPathTest {
    @Test
    public void noJerseyNoHk2NoApacheClient() {
        for (String name : new String[] {"org.glassfish.jersey.client.JerseyClient",
                "com.oracle.bmc.http.client.jersey.JerseyHttpProvider", "org.glassfish.hk2.api.ServiceLocator",
                "org.apache.http.client.HttpClient", "javax.ws.rs.client.Client"}) {
            try {
                Class.forName(name);
                fail(name + " is on the test class path");
            } catch (ClassNotFoundException expected) {
                // what this module promises
            }
        }
    }

    @Test
    public void theSdksDefaultProviderAndSerializerAreOurs() {
        assertTrue(HttpProvider.getDefault() instanceof JdkHttpProvider);
        assertSame(JdkHttpSerializer.INSTANCE, Serializer.getDefault());
    }
}
