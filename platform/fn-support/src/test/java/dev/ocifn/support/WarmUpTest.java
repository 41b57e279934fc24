package dev.ocifn.support;

import org.junit.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class WarmUpTest {
    private final List<String> builtOn = new CopyOnWriteArrayList<>();
    private final CountDownLatch lastBuilt = new CountDownLatch(1);

    @Test
    public void partsAreBuiltOnceOnADaemonThreadAndTheCallGetsThem() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Object principal = new Object();
        Lazy<Object> part = Lazy.of(() -> {
            builds.incrementAndGet();
            record();
            return principal;
        });
        WarmUp.start("test-fn", part, last());
        assertTrue("warm-up finished", lastBuilt.await(10, TimeUnit.SECONDS));

        assertSame(principal, part.get());
        assertSame(principal, part.get());
        assertEquals(1, builds.get());
        assertEquals(List.of("test-fn-warm-up daemon", "test-fn-warm-up daemon"), builtOn);
    }

    @Test
    public void aConfigurationErrorMetInTheWarmUpIsTheCallsAnswer() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> part = Lazy.of(() -> {
            builds.incrementAndGet();
            throw FnError.misconfigured("OCI_RESOURCE_PRINCIPAL_RPST is not set");
        });
        WarmUp.start("test-fn", part, last());
        assertTrue("warm-up finished", lastBuilt.await(10, TimeUnit.SECONDS));

        for (int call = 0; call < 2; call++) {
            try {
                part.get();
                fail("the configuration error is answered");
            } catch (FnError e) {
                assertEquals(500, e.status());
                assertTrue(e.getMessage(), e.getMessage().contains("OCI_RESOURCE_PRINCIPAL_RPST"));
            }
        }
        assertEquals("kept, not built again", 1, builds.get());
    }

    @Test
    public void aPartThatFailsOtherwiseIsLeftToTheCallAndTheNextPartsAreStillBuilt() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> flaky = Lazy.of(() -> {
            if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return "built by the call";
        });
        WarmUp.start("test-fn", flaky, last());
        assertTrue("the part after the failed one was built", lastBuilt.await(10, TimeUnit.SECONDS));

        assertEquals("built by the call", flaky.get());
        assertEquals(2, builds.get());
    }

    @Test
    public void aCallThatComesFirstBuildsThePartItselfAndTheWarmUpFindsItBuilt() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> part = Lazy.of(() -> {
            builds.incrementAndGet();
            return "part";
        });
        assertEquals("part", part.get());
        WarmUp.start("test-fn", part, last());
        assertTrue("warm-up finished", lastBuilt.await(10, TimeUnit.SECONDS));

        assertEquals(1, builds.get());
    }

    private Lazy<Object> last() {
        return Lazy.of(() -> {
            record();
            lastBuilt.countDown();
            return "last";
        });
    }

    private void record() {
        Thread thread = Thread.currentThread();
        builtOn.add(thread.getName() + (thread.isDaemon() ? " daemon" : " user"));
    }
}
