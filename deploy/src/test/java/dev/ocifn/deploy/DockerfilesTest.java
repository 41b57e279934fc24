package dev.ocifn.deploy;

import org.junit.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The function folders' deploy files: the Dockerfiles differ only in the function's name and
 * handler and name the FDK image version in one place; func.yaml carries no comment (every
 * {@code fn deploy} rewrites it and drops them); .dockerignore uses no negation (older
 * buildah/podman mishandled them).
 */
public class DockerfilesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RUN_BUILD = Pattern.compile("(?m)^RUN sh deploy/image-build.sh (\\S+) /build/out (\\S+)$");
    private static final Pattern VERSION = Pattern.compile("(?m)\\AARG FDK_IMAGE_VERSION=(\\d+\\.\\d+\\.\\d+)$");

    private static List<Path> functionFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(REPO)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("func.yaml"))).sorted().forEach(folders::add);
        }
        assertEquals(4, folders.size());
        return folders;
    }

    /** The Dockerfile's instructions (comments dropped), name and handler replaced by placeholders. */
    private static String instructions(Path folder) throws IOException {
        String text = Files.readString(folder.resolve("Dockerfile")).replaceAll("(?m)^#.*\\n", "");
        Matcher run = RUN_BUILD.matcher(text);
        assertTrue(folder + ": RUN sh deploy/image-build.sh <function> /build/out <handler>", run.find());
        assertEquals(folder.getFileName().toString(), run.group(1));
        return text.replace(run.group(2), "<handler>").replace(run.group(1), "<function>");
    }

    @Test
    public void theDockerfilesDifferOnlyInNameAndHandler() throws Exception {
        String first = null;
        for (Path folder : functionFolders()) {
            String text = instructions(folder);
            String handler = funcYaml(folder, "cmd");
            assertTrue(folder + ": CMD is func.yaml's cmd", Files.readString(folder.resolve("Dockerfile"))
                    .contains("CMD [\"" + handler + "\"]"));
            if (first == null) {
                first = text;
            }
            assertEquals(folder.toString(), first, text);
        }
    }

    @Test
    public void bothImagesComeFromOnePublishedVersionNamedOnce() throws Exception {
        String text = instructions(functionFolders().get(0));
        Matcher version = VERSION.matcher(text);
        assertTrue("the first instruction is ARG FDK_IMAGE_VERSION=<x.y.z>", version.find());
        assertFalse("1.0.212 images were never published", version.group(1).equals("1.0.212"));
        assertTrue(text.contains("\nFROM fnproject/fn-java-fdk-build:jdk17-${FDK_IMAGE_VERSION} AS build\n"));
        assertTrue(text.contains("\nFROM fnproject/fn-java-fdk:jre17-${FDK_IMAGE_VERSION}\n"));
        assertEquals("the version appears once", 1, text.split(Pattern.quote(version.group(1)), -1).length - 1);
        assertTrue("the build stage takes the proxy fn build passes", text.contains("\nARG HTTP_PROXY\nARG HTTPS_PROXY\n"));
        assertTrue(text.contains("\nRUN [\"sh\", \"/function/cds/run-stage.sh\", \"/function\"]\n"));
        assertTrue(text.contains("\nENTRYPOINT [\"java\", \"@/function/cds/jvm.args\", \"com.fnproject.fn.runtime.EntryPoint\"]\n"));
    }

    @Test
    public void funcYamlHasNoCommentAndDockerignoreNoNegation() throws Exception {
        for (Path folder : functionFolders()) {
            for (String line : Files.readAllLines(folder.resolve("func.yaml"))) {
                assertFalse(folder + "/func.yaml: " + line, line.contains("#"));
            }
            assertEquals("docker", funcYaml(folder, "runtime"));
            for (String line : Files.readAllLines(folder.resolve(".dockerignore"))) {
                assertFalse(folder + "/.dockerignore: " + line, line.startsWith("!"));
                assertFalse(folder + "/.dockerignore excludes the staged context: " + line,
                        "target/context".startsWith(line.replace("*", "")) && !line.isBlank());
            }
        }
    }

    private static String funcYaml(Path folder, String key) throws IOException {
        for (String line : Files.readAllLines(folder.resolve("func.yaml"))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError(folder + "/func.yaml has no " + key);
    }
}
