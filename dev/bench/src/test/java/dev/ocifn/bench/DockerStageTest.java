package dev.ocifn.bench;

import dev.ocifn.deploy.Form;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class DockerStageTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private Path dockerfile(String runStage) throws Exception {
        Path f = tmp.getRoot().toPath().resolve("Dockerfile");
        Files.writeString(f, "# comment\nFROM build-image AS build\nWORKDIR /build\nCOPY target/context/ /build/\n"
                + "RUN sh deploy/image-build.sh fn /build/out\n\nFROM run-image\nWORKDIR /function\n" + runStage);
        return f;
    }

    private Path built() throws Exception {
        Path build = tmp.newFolder("build").toPath();
        Files.createDirectories(build.resolve("out/app"));
        Files.writeString(build.resolve("out/app/fn.jar"), "jar");
        return build;
    }

    @Test
    public void withoutEntrypointTheStockImageFlagsAndClassPathApply() throws Exception {
        Path build = built();
        Path root = tmp.newFolder("function").toPath();
        DockerStage.Dockerfile d = DockerStage.Dockerfile.read(dockerfile(
                "COPY --from=build /build/out/app/ /function/app/\nCMD [\"a.B::handle\"]\n"));
        assertEquals(2, d.stages().size());
        assertEquals("RUN sh deploy/image-build.sh fn /build/out", d.buildStage().get(3));
        Form form = DockerStage.runStage(d, new DockerStage.Place("/build", build, root, JAVA, Map.of(),
                tmp.getRoot().toPath().resolve("log")));
        assertEquals("a.B::handle", form.handler());
        assertEquals(List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.awt.headless=true",
                "-Djava.library.path=" + root + "/runtime/lib"), form.flags());
        assertEquals(List.of(root + "/app/*", root + "/runtime/*", root + "/app", root + "/app/resources"), form.classpath());
        assertTrue(Files.exists(root.resolve("app/fn.jar")));
    }

    @Test
    public void entrypointAndRunStepsOfTheRunStageAreTheImagesOwn() throws Exception {
        Path build = built();
        Path root = tmp.newFolder("function").toPath();
        DockerStage.Dockerfile d = DockerStage.Dockerfile.read(dockerfile(
                "COPY --from=build /build/out/app/ /function/app/\n"
                        + "RUN [\"sh\", \"-c\", \"echo dumped > /function/app/app.jsa\"]\n"
                        + "ENTRYPOINT [\"java\", \"-XX:TieredStopAtLevel=1\", \\\n  \"-XX:SharedArchiveFile=/function/app/app.jsa\", "
                        + "\"-cp\", \"/function/app/*:/function/runtime/*\", \"com.fnproject.fn.runtime.EntryPoint\"]\n"
                        + "CMD [\"a.B::handle\"]\n"));
        Form form = DockerStage.runStage(d, new DockerStage.Place("/build", build, root, JAVA, Map.of(),
                tmp.getRoot().toPath().resolve("log")));
        assertEquals("dumped", Files.readString(root.resolve("app/app.jsa")).strip());
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + root + "/app/app.jsa"), form.flags());
        assertEquals(root + "/app/app.jsa", form.sharedArchive());
        assertEquals(List.of(root + "/app/*", root + "/runtime/*"), form.classpath());
    }
}
