package dev.ocifn.support;

import com.oracle.bmc.http.client.jersey.JerseyHttpProvider;
import dev.ocifn.jdkhttp.JdkHttpProvider;
import org.junit.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

/** The test class path registers two providers, jdk-http and the SDK's Jersey one, as the local stack's does. */
public class HttpProviderChoiceTest {
    private static final String REGISTRATION = "META-INF/services/com.oracle.bmc.http.client.HttpProvider";

    @Test
    public void jdkHttpWinsWhenBothAreRegistered() throws IOException {
        assertEquals(2, Collections.list(getClass().getClassLoader().getResources(REGISTRATION)).size());
        assertEquals(JdkHttpProvider.class, OciClients.httpProvider().getClass());
    }

    @Test
    public void withoutJdkHttpsRegistrationTheRegisteredOneIsUsed() {
        ClassLoader onlyJersey = hiding(url -> url.toString().contains("jdk-http"));
        assertEquals(JerseyHttpProvider.class, OciClients.httpProvider(onlyJersey).getClass());
    }

    @Test
    public void noRegisteredProviderIsAClearError() {
        ClassLoader none = hiding(url -> true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OciClients.httpProvider(none));
        assertEquals("no OCI SDK HTTP provider is registered on the class path", e.getMessage());
    }

    /** The test class path, minus the provider registrations the predicate picks. */
    private ClassLoader hiding(Predicate<URL> hidden) {
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                List<URL> urls = Collections.list(super.getResources(name));
                if (name.equals(REGISTRATION)) {
                    urls.removeIf(hidden);
                }
                return Collections.enumeration(urls);
            }
        };
    }
}
