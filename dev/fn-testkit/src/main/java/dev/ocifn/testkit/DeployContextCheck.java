package dev.ocifn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Does what {@code fn deploy} does with a function folder, short of Docker: runs func.yaml's
 * build steps in the folder, then copies only what the Dockerfile's build stage COPYs into an
 * empty directory outside the repository and runs that stage's RUN there, with a Maven local
 * repository that holds none of this project's artifacts. Third-party artifacts come from Maven
 * Central as in Fn's build image, so a build step that needs one nothing else here downloads
 * (the FDK's own dependency versions, a plugin) works on a fresh machine too; this project's own
 * can come from nowhere but the staged sources. If the folder lacks anything its image build
 * needs, this fails.
 */
public final class DeployContextCheck {
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?!--from)(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern COPY_FROM_BUILD = Pattern.compile("^COPY\\s+--from=\\S+\\s+(\\S+)\\s+\\S+\\s*$");
    private static final Pattern CMD = Pattern.compile("^CMD\\s+\\[\\s*\"([^\"]+)\"\\s*]\\s*$");

    private DeployContextCheck() {
    }

    /**
     * The result: where the image's /function/app jars ended up, the handler func.yaml names, the
     * class list of the build's training invocation (the run stage's AppCDS input), and the build
     * context func.yaml's build step staged.
     */
    public record Image(Path appDir, String handler, Path classList, Path context) {
    }

    public static Image build(Path functionDir, Path scratch) throws Exception {
        functionDir = functionDir.toAbsolutePath().normalize();
        Map<String, List<String>> funcYaml = FuncYaml.read(functionDir.resolve("func.yaml"));
        require("docker".equals(FuncYaml.one(funcYaml, "runtime")), "func.yaml runtime must be docker");
        String handler = FuncYaml.one(funcYaml, "cmd");
        for (String step : funcYaml.getOrDefault("build", List.of())) {
            run(List.of("/bin/sh", "-c", step), functionDir, Map.of(), "func.yaml build step '" + step + "'");
        }

        List<String> dockerfile = Files.readAllLines(functionDir.resolve("Dockerfile"));
        Path root = scratch.resolve("build");
        Files.createDirectories(root);
        String workdir = null;
        String buildRun = null;
        String imageCmd = null;
        List<String> fromBuild = new ArrayList<>();
        boolean inBuildStage = true;
        for (String raw : dockerfile) {
            String line = raw.trim();
            if (line.startsWith("FROM ") && !line.contains(" AS ")) {
                inBuildStage = false;
            } else if (line.startsWith("WORKDIR ") && inBuildStage) {
                workdir = line.substring("WORKDIR ".length()).trim();
            } else if (line.startsWith("RUN ") && inBuildStage) {
                require(buildRun == null, "expected one RUN in the build stage");
                buildRun = line.substring("RUN ".length()).trim();
            }
            Matcher copy = COPY.matcher(line);
            if (copy.matches()) {
                Path source = functionDir.resolve(copy.group(1)).normalize();
                require(source.startsWith(functionDir), "COPY " + copy.group(1) + " leaves the function folder");
                require(Files.exists(source), "COPY source " + copy.group(1) + " is not in the function folder");
                require(copy.group(2).equals(workdir + "/"), "expected COPY into the WORKDIR " + workdir);
                copyTree(source, root);
            }
            Matcher copied = COPY_FROM_BUILD.matcher(line);
            if (copied.matches()) {
                fromBuild.add(copied.group(1));
            }
            Matcher cmd = CMD.matcher(line);
            if (cmd.matches()) {
                imageCmd = cmd.group(1);
            }
        }
        require(workdir != null && buildRun != null, "Dockerfile needs a build stage with WORKDIR and RUN");
        require(handler.equals(imageCmd), "Dockerfile CMD " + imageCmd + " differs from func.yaml cmd " + handler);

        Path repo = repositoryWithoutProject(scratch.resolve("m2"));
        String command = buildRun.replace(workdir + "/", root + "/");
        // -nsu: the project's snapshots are the ones this build installs, never looked up remotely.
        run(List.of("/bin/sh", "-c", command), root,
                Map.of("MVN", "mvn -nsu -Dmaven.repo.local=" + repo), "the image build step");

        for (String source : fromBuild) {
            Path built = Path.of(source.replace(workdir + "/", root + "/"));
            require(Files.exists(built), "the run stage copies " + source + ", which the build stage did not make");
        }
        Path app = root.resolve("out/app");
        String classFile = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
        require(jarsContaining(app, classFile) == 1, "exactly one jar in " + app + " must hold " + classFile);
        return new Image(app, handler, root.resolve("out/cds/classes.lst"), functionDir.resolve("target/context"));
    }

    /** How many entries of the folder's jars start with this prefix; every file must be a readable jar. */
    public static int entriesUnder(Path dir, String prefix) throws IOException {
        int found = 0;
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    found += (int) zip.stream().filter(e -> e.getName().startsWith(prefix)).count();
                }
            }
        }
        return found;
    }

    /** How many jars in the folder hold this entry; every file must be a readable jar. */
    public static int jarsContaining(Path dir, String entry) throws IOException {
        int found = 0;
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    found += zip.getEntry(entry) == null ? 0 : 1;
                }
            }
        }
        return found;
    }

    /**
     * A Maven local repository with everything the developer's has except this project's own
     * artifacts (dev/ocifn), linked group by group rather than copied, so a build must use the
     * staged sources and cannot fall back on an artifact some earlier build installed (Maven
     * Central has none of them). What a build downloads into a linked group lands in the
     * developer's repository. Links already there are kept, so a mirror can be reused.
     */
    public static Path repositoryWithoutProject(Path mirror) throws IOException {
        Path real = developerRepository();
        linkGroups(real, mirror, "dev");
        Path dev = real.resolve("dev");
        if (Files.isDirectory(dev)) {
            linkGroups(dev, mirror.resolve("dev"), "ocifn");
        }
        return mirror;
    }

    /**
     * The local repository of the build that runs this ({@code maven.repo.local}, which the root
     * pom passes to tests), else Maven's default.
     */
    static Path developerRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void linkGroups(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> groups = Files.list(from)) {
            for (Path g : (Iterable<Path>) groups::iterator) {
                Path link = to.resolve(g.getFileName().toString());
                if (!g.getFileName().toString().equals(except) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, g);
                }
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void run(List<String> command, Path dir, Map<String, String> env, String what) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("deploy-check", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish in 5 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        require(p.exitValue() == 0, what + " failed (exit " + p.exitValue() + "):\n" + output);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** The few func.yaml fields this check needs: scalars and one level of list. */
    static final class FuncYaml {
        static Map<String, List<String>> read(Path file) {
            Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
            String listKey = null;
            try {
                for (String raw : Files.readAllLines(file)) {
                    String line = raw.replaceAll("\\s+#.*$", "");
                    if (line.isBlank() || line.trim().startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith("- ") && listKey != null) {
                        fields.get(listKey).add(line.substring(2).trim());
                    } else if (!line.startsWith(" ") && line.contains(":")) {
                        String key = line.substring(0, line.indexOf(':')).trim();
                        String value = line.substring(line.indexOf(':') + 1).trim();
                        fields.put(key, new ArrayList<>(value.isEmpty() ? List.of() : List.of(value)));
                        listKey = value.isEmpty() ? key : null;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return fields;
        }

        static String one(Map<String, List<String>> fields, String key) {
            List<String> v = fields.get(key);
            require(v != null && v.size() == 1, "func.yaml needs " + key);
            return v.get(0);
        }
    }
}
