package dev.ocifn.deploy;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * deploy/stage-context.sh explains a failure in target/context.log, since fn deploy shows only
 * "exit status 1" (its success is what each function's DeployContextTest runs).
 */
public class StageContextTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void outsideTheRepositoryItSaysWhyInItsLogAndOnStandardError() throws Exception {
        Path fn = Files.createDirectories(tmp.getRoot().toPath().resolve("lonely-fn"));
        Files.writeString(fn.resolve("pom.xml"), "<project/>");
        Process p = new ProcessBuilder(List.of("/bin/sh", Path.of("stage-context.sh").toAbsolutePath().toString()))
                .directory(fn.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 1, p.waitFor());
        String log = Files.readString(fn.resolve("target/context.log"));
        assertTrue(log, log.contains("stage-context: FAILED: run me from a function folder of the repository"));
        assertTrue(out, out.contains("FAILED: run me from a function folder"));
        assertTrue(Files.notExists(fn.resolve("target/context")));
    }
}
