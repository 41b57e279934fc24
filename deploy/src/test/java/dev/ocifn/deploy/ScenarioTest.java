package dev.ocifn.deploy;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class ScenarioTest {
    /** The repository root: tests run in this module's folder. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    public void everyFunctionsScenarioReadsAndExpectsOneSignedCall() {
        for (String fn : List.of("usage-fn", "search-fn", "pictures-fn", "model-proxy-fn")) {
            Scenario s = Scenario.forFunction(REPO.resolve(fn));
            assertTrue(fn, s.fromFile());
            assertEquals(fn, 200, s.expectStatus());
            assertEquals(fn, 1, s.expectOciCalls());
            assertFalse(fn, s.answers().isEmpty());
            assertTrue(fn, s.request().gateway());
        }
    }

    @Test
    public void placeholdersAreFilledWhenTheServerIsKnown() {
        Scenario s = Scenario.forFunction(REPO.resolve("model-proxy-fn")).resolve(v -> v.replace("${endpoint}", "http://127.0.0.1:9"));
        assertEquals("http://127.0.0.1:9", s.config().get("TESTING_ONLY_ALLOW_MODEL_ORIGIN"));
        assertTrue(s.request().headers().get("model_deployment").startsWith("http://127.0.0.1:9/ocid1."));
    }

    @Test
    public void aFunctionWithoutScenarioGetsAPlainInvokeAndIsMarked() {
        Scenario s = Scenario.forFunction(REPO.resolve("no-such-fn"));
        assertFalse(s.fromFile());
        assertFalse(s.request().gateway());
        assertEquals("{}", new String(s.request().body(), StandardCharsets.UTF_8));
        assertEquals(-1, s.expectOciCalls());
    }
}
