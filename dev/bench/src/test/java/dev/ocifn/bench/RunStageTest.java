package dev.ocifn.bench;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.runtime.EntryPoint;
import dev.ocifn.deploy.Form;
import org.apache.http.HttpRequest;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * A function Dockerfile's real run stage (usage-fn's; the four differ only in name and handler)
 * replayed by {@link DockerStage} with the real deploy/run-stage.sh and deploy/jvm-flags, on this
 * JDK: the argument file's sorted class path, the AppCDS dump, and the build-time start with
 * -Xshare:on, which fails the build on a broken flag, a missing file a flag names, or a class path
 * other than the dump's (where the ENTRYPOINT's -Xshare:auto would start without the archive).
 */
public class RunStageTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String MAIN = EntryPoint.class.getName();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path build;
    private Path root;
    private Map<String, String> env;

    /** The build stage's output (/build/out) and a /function whose runtime/ holds the FDK jars. */
    @Before
    public void buildStageOutput() throws Exception {
        build = tmp.newFolder("build").toPath();
        root = tmp.newFolder("function").toPath();
        Path app = Files.createDirectories(build.resolve("out/app"));
        Path cds = Files.createDirectories(build.resolve("out/cds"));
        Path runtime = Files.createDirectories(root.resolve("runtime"));
        // App jars written in an order other than their names' (directory order is not name order).
        Files.copy(jarOf(Test.class), app.resolve("z-junit.jar"));
        Files.copy(jarOf(org.hamcrest.Matcher.class), app.resolve("a-hamcrest.jar"));
        for (Class<?> c : List.of(EntryPoint.class, InputEvent.class, HttpRequest.class)) {
            Files.copy(jarOf(c), runtime.resolve(jarOf(c).getFileName()));
        }
        for (String file : List.of("run-stage.sh", "jvm-flags", "jit-directives.json")) {
            Files.copy(REPO.resolve("deploy").resolve(file), cds.resolve(file));
        }
        // The training run's class list: here the classes that starting the FDK's entry point and
        // an app class's main load, on the image's class path.
        String classpath = String.join(":", sortedJars(app, runtime));
        Set<String> classes = new LinkedHashSet<>();
        for (String main : List.of(MAIN, "junit.textui.TestRunner")) {
            Path list = tmp.getRoot().toPath().resolve("classes-" + main + ".lst");
            exec(List.of(JAVA.toString(), "-Xshare:off", "-XX:DumpLoadedClassList=" + list, "-cp", classpath, "--dry-run", main));
            for (String line : Files.readAllLines(list)) {
                if (!line.startsWith("@") && !line.startsWith("#")) {
                    classes.add(line.split(" ")[0]);
                }
            }
        }
        Files.write(cds.resolve("classes.lst"), classes);
        env = Map.of("PATH", JAVA.getParent() + ":/usr/bin:/bin");
    }

    @Test
    public void theRunStageWritesOneSortedArgumentFileThatTheDumpAndTheEntrypointShare() throws Exception {
        Form form = runStage();
        assertEquals("dev.ocifn.usage.UsageFunction::handleRequest", form.handler());
        List<String> expectedFlags = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("deploy/jvm-flags"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expectedFlags.add(line.strip().replace("/function/", root + "/"));
            }
        }
        assertEquals(expectedFlags, form.flags());
        assertEquals(List.of(root + "/app/a-hamcrest.jar", root + "/app/z-junit.jar"), form.classpath().subList(0, 2));
        List<String> runtime = form.classpath().subList(2, form.classpath().size());
        List<String> sorted = new ArrayList<>(runtime);
        Collections.sort(sorted);
        assertEquals(sorted, runtime);
        assertTrue(runtime.stream().allMatch(p -> p.startsWith(root + "/runtime/")));
        assertEquals(root + "/cds/app.jsa", form.sharedArchive());
        assertTrue(Files.size(root.resolve("cds/app.jsa")) > 0);
        // The ENTRYPOINT itself (with -Xshare:auto) starts and maps the archive.
        Exec started = exec(List.of(JAVA.toString(), "@" + root.resolve("cds/jvm.args"), "-Xlog:class+load=info", "--dry-run", MAIN));
        assertTrue(started.output(), started.output().contains(MAIN + " source: shared objects file"));
    }

    @Test
    public void aFlagTheJvmRejectsFailsTheImageBuild() throws Exception {
        Files.writeString(build.resolve("out/cds/jvm-flags"), "-XX:+NoSuchFlagAnywhere\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        IllegalStateException e = assertThrows(IllegalStateException.class, this::runStage);
        assertTrue(e.getMessage(), e.getMessage().contains("Unrecognized VM option 'NoSuchFlagAnywhere'"));
        assertTrue(e.getMessage(), e.getMessage().contains("run stage FAILED"));
    }

    @Test
    public void aMissingDirectivesFileFailsTheImageBuild() throws Exception {
        Files.delete(build.resolve("out/cds/jit-directives.json"));
        IllegalStateException e = assertThrows(IllegalStateException.class, this::runStage);
        assertTrue(e.getMessage(), e.getMessage().contains("Could not load file: " + root + "/cds/jit-directives.json"));
        assertTrue(e.getMessage(), e.getMessage().contains("run stage FAILED"));
    }

    @Test
    public void aClassPathInAnotherOrderThanTheDumpsFailsTheCheckWhereAutoWouldGoOnWithoutTheArchive() throws Exception {
        runStage();
        Path args = root.resolve("cds/jvm.args");
        List<String> lines = new ArrayList<>(Files.readAllLines(args));
        int cp = lines.indexOf("-cp") + 1;
        List<String> entries = new ArrayList<>(List.of(lines.get(cp).split(":")));
        Collections.reverse(entries);
        lines.set(cp, String.join(":", entries));
        Files.write(args, lines);

        Exec check = exec(List.of("/bin/sh", root.resolve("cds/run-stage.sh").toString(), root.toString(), "check"));
        assertEquals(check.output(), 1, check.exit());
        assertTrue(check.output(), check.output().contains("shared class paths mismatch"));
        assertTrue(check.output(), check.output().contains("run stage FAILED"));
        // What the check prevents: -Xshare:auto starts, silently without the archive.
        Exec auto = exec(List.of(JAVA.toString(), "@" + args, "-Xlog:class+load=info", "--dry-run", MAIN));
        assertEquals(auto.output(), 0, auto.exit());
        assertTrue(auto.output(), auto.output().contains(MAIN + " source: file:"));
    }

    private Form runStage() throws Exception {
        DockerStage.Dockerfile dockerfile = DockerStage.Dockerfile.read(REPO.resolve("usage-fn/Dockerfile"));
        return DockerStage.runStage(dockerfile, new DockerStage.Place("/build", build, root, JAVA, env,
                tmp.getRoot().toPath().resolve("run-stage.log")));
    }

    private static List<String> sortedJars(Path... dirs) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path dir : dirs) {
            try (var files = Files.list(dir)) {
                files.map(Path::toString).sorted().forEach(all::add);
            }
        }
        return all;
    }

    private static Path jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    record Exec(int exit, String output) {
    }

    private Exec exec(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", JAVA.getParent() + ":/usr/bin:/bin");
        pb.environment().put("TMPDIR", tmp.getRoot().toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return new Exec(p.exitValue(), output);
    }
}
