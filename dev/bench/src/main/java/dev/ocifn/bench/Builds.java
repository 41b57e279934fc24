package dev.ocifn.bench;

import dev.ocifn.deploy.Form;
import dev.ocifn.testkit.DeployContextCheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the forms a function is measured in, each outside the working tree (other engineers
 * build there), with a Maven repository that shares the developer's third-party artifacts but
 * holds none of this project's, so every form is built from the sources as they are now:
 * <ul>
 * <li>baseline: the function jar and {@code dependency:copy-dependencies} runtime jars (with
 * the SDK's Jersey stack), the stock Fn runtime image's ENTRYPOINT, as Oracle's samples build;</li>
 * <li>deployed: what `fn deploy` builds from the function folder: func.yaml's build step and the
 * Dockerfile's build stage run by fn-testkit's DeployContextCheck (the same script the image
 * runs, deploy/image-build.sh), then the Dockerfile's run stage ({@link DockerStage});</li>
 * <li>variant: the deployed form's build again, with an image-build.sh switch (the SDK back on
 * Jersey), for the lever table.</li>
 * </ul>
 */
final class Builds {
    private final Path repo;
    private final Path work;
    private final Path java;
    private final boolean offline;
    private final Path log;
    private Path mavenRepo;
    private Path fdkRuntime;

    Builds(Path repo, Path work, Path java, boolean offline) {
        this.repo = repo;
        this.work = work;
        this.java = java;
        this.offline = offline;
        this.log = work.resolve("build.log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /** javac's own way of compiling string concatenation; the root pom's is inline. */
    static final String JAVAC_DEFAULT_CONCAT = "-Djavac.string.concat=indyWithConstants";

    /** The Maven command the builds run (and the report quotes). */
    String mvn() throws IOException {
        return "mvn -B -q" + (offline ? " -o" : "") + " -Dmaven.repo.local=" + mavenRepo();
    }

    private Map<String, String> env() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Path javaHome = java.getParent().getParent();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("PATH", javaHome.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("MVN", mvn());
        return env;
    }

    private void sh(Path dir, String command, String what) throws Exception {
        sh(dir, command, what, Map.of());
    }

    private void sh(Path dir, String command, String what, Map<String, String> extra) throws Exception {
        Map<String, String> env = env();
        env.putAll(extra);
        Processes.run(List.of("/bin/sh", "-c", command), dir, env, log, what);
    }

    /** A step that runs in-process, logged like the commands. */
    private void note(Path dir, String what) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n$ (cd " + dir + " && " + what + ")\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The developer's repository, linked group by group, without dev/ocifn (built fresh here). */
    Path mavenRepo() throws IOException {
        if (mavenRepo == null) {
            mavenRepo = DeployContextCheck.repositoryWithoutProject(work.resolve("m2"));
        }
        return mavenRepo;
    }

    /** The stand-in for the runtime image's /function/runtime: the FDK 1.0.212 runtime and its dependencies. */
    Path fdkRuntime() throws Exception {
        if (fdkRuntime == null) {
            Path stage = work.resolve("fdk-runtime");
            deleteTree(stage);
            Files.createDirectories(stage);
            Files.copy(repo.resolve("deploy/fdk-runtime/pom.xml"), stage.resolve("pom.xml"));
            Path out = work.resolve("fdk-runtime-jars");
            deleteTree(out);
            sh(stage, "$MVN dependency:copy-dependencies -DoutputDirectory=" + out, "copying the FDK runtime jars");
            fdkRuntime = out;
        }
        return fdkRuntime;
    }

    /** A function root (/function) with runtime/ filled as the Fn runtime image has it. */
    Path functionRoot(Path dir) throws Exception {
        deleteTree(dir);
        Path runtime = dir.resolve("runtime");
        Files.createDirectories(runtime);
        try (Stream<Path> jars = Files.list(fdkRuntime())) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, runtime.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return dir;
    }

    /**
     * A copy of the root pom and the given modules (pom and main sources; bench also its
     * scripts), like deploy/stage-context.sh stages a function's context.
     */
    Path stage(String name, List<String> modules) throws IOException {
        Path dir = work.resolve(name).resolve("context");
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.copy(repo.resolve("pom.xml"), dir.resolve("pom.xml"));
        for (String module : modules) {
            Path from = repo.resolve(module);
            Path to = dir.resolve(module);
            Files.createDirectories(to);
            Files.copy(from.resolve("pom.xml"), to.resolve("pom.xml"));
            copyTree(from.resolve("src/main"), to.resolve("src/main"));
            if (Files.isDirectory(from.resolve("scripts"))) {
                copyTree(from.resolve("scripts"), to.resolve("scripts"));
            }
        }
        return dir;
    }

    Form baseline(String fn, String handler) throws Exception {
        Path stage = stage(fn + "-baseline", List.of("platform/fn-support", "deploy/oci-fake", "deploy", "dev/fn-testkit", "platform/jdk-http", "dev/bench", fn));
        Path root = functionRoot(work.resolve(fn + "-baseline").resolve("function"));
        Path app = root.resolve("app");
        String skip = " -Dmaven.test.skip=true";
        // The JUnit kit (and deploy, whose Fn-Http-* encoding it uses) before jdk-http and the
        // function (test scope is resolved even when tests are skipped), jdk-http before
        // fn-support, which depends on it.
        // Compiled as javac compiles by default, as Oracle's samples are.
        String mvn = "$MVN " + JAVAC_DEFAULT_CONCAT;
        sh(stage, mvn + " -N install" + skip
                + " && " + mvn + " -f deploy/oci-fake/pom.xml install" + skip
                + " && " + mvn + " -f deploy/pom.xml install" + skip
                + " && " + mvn + " -f dev/fn-testkit/pom.xml install" + skip
                + " && " + mvn + " -f platform/jdk-http/pom.xml install" + skip
                + " && " + mvn + " -f platform/fn-support/pom.xml install" + skip
                + " && " + mvn + " -f " + fn + "/pom.xml package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=" + app + skip
                + " && cp " + fn + "/target/" + fn + "-*.jar " + app + "/"
                + " && " + mvn + " -f dev/bench/scripts/baseline-jersey/pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=" + app,
                "the baseline build of " + fn);
        keepJerseyTheProvider(app);
        return DockerStage.fromEntrypoint(DockerStage.STOCK_ENTRYPOINT, root, handler).named(FormKind.BASELINE.key(),
                FormKind.BASELINE.label(), "function jar + `dependency:copy-dependencies` runtime jars (" + count(app)
                        + " jars, SDK on Jersey) in /function/app, the stock Fn Java 17 runtime image's ENTRYPOINT");
    }

    /**
     * Once fn-support uses jdk-http, its jar is among the function's dependencies (fn-support's
     * JSON needs it); the baseline keeps it but without its provider registration, so the SDK
     * still finds Jersey, as in Oracle's samples.
     */
    private void keepJerseyTheProvider(Path app) throws IOException {
        String service = "META-INF/services/com.oracle.bmc.http.client.HttpProvider";
        try (Stream<Path> jars = Files.list(app)) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.getFileName().toString().startsWith("jdk-http-"))::iterator) {
                Path stripped = jar.resolveSibling(jar.getFileName() + ".tmp");
                try (ZipFile in = new ZipFile(jar.toFile());
                     ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stripped))) {
                    for (ZipEntry e : Collections.list(in.entries())) {
                        if (!e.getName().equals(service)) {
                            out.putNextEntry(new ZipEntry(e.getName()));
                            in.getInputStream(e).transferTo(out);
                            out.closeEntry();
                        }
                    }
                }
                Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
                note(app, "removed " + service + " from " + jar.getFileName() + " (the baseline's SDK stays on Jersey)");
            }
        }
    }

    Form deployed(String fn) throws Exception {
        Path scratch = work.resolve(fn + "-deployed");
        deleteTree(scratch);
        Files.createDirectories(scratch);
        note(repo.resolve(fn), "fn-testkit DeployContextCheck.build: func.yaml's build step here, then the Dockerfile's"
                + " build-stage RUN in a copy of what it COPYs, with MVN='mvn -nsu -Dmaven.repo.local=<repo without dev/ocifn>'");
        DeployContextCheck.Image image = DeployContextCheck.build(repo.resolve(fn), scratch);
        DockerStage.Dockerfile dockerfile = DockerStage.Dockerfile.read(repo.resolve(fn).resolve("Dockerfile"));
        Path root = functionRoot(scratch.resolve("function"));
        Form form = DockerStage.runStage(dockerfile, new DockerStage.Place(workdir(dockerfile.buildStage()),
                scratch.resolve("build"), root, java, env(), log));
        if (!form.handler().equals(image.handler())) {
            throw new IllegalStateException("Dockerfile CMD " + form.handler() + " differs from func.yaml's " + image.handler());
        }
        return form.named(FormKind.DEPLOYED.key(), FormKind.DEPLOYED.label(), "built by " + fn + "/func.yaml's build step and " + fn + "/Dockerfile: "
                + describe(root.resolve("app")) + "; flags from the Dockerfile's ENTRYPOINT (stock image's if none)");
    }

    /**
     * The deployed form's build again from the context {@link #deployed} staged (run that first),
     * its build stage run after shell {@code assignments}: {@code HTTP_PROVIDER=jersey} puts the
     * SDK back on Jersey (deploy/image-build.sh), {@code MVN="$MVN -D..."} sets a build property.
     */
    Form variant(String fn, String assignments, String key, String label) throws Exception {
        Path staged = repo.resolve(fn).resolve("target/context");
        if (!Files.isDirectory(staged)) {
            throw new IllegalStateException("build the deployed form of " + fn + " first (it stages " + staged + ")");
        }
        Path stage = work.resolve(fn + "-" + key).resolve("context");
        deleteTree(stage);
        copyTree(staged, stage);
        DockerStage.Dockerfile dockerfile = DockerStage.Dockerfile.read(repo.resolve(fn).resolve("Dockerfile"));
        String workdir = workdir(dockerfile.buildStage());
        for (String instruction : dockerfile.buildStage()) {
            if (instruction.startsWith("RUN ")) {
                sh(stage, assignments + " " + instruction.substring(4).replace(workdir + "/", stage + "/"),
                        "the build stage of " + fn + " with " + assignments);
            }
        }
        Path root = functionRoot(work.resolve(fn + "-" + key).resolve("function"));
        Form form = DockerStage.runStage(dockerfile, new DockerStage.Place(workdir, stage, root, java, env(), log));
        return form.named(key, label, fn + "/Dockerfile with " + assignments + ": " + describe(root.resolve("app")));
    }

    private static String workdir(List<String> stage) {
        for (String instruction : stage) {
            if (instruction.startsWith("WORKDIR ")) {
                return instruction.substring("WORKDIR ".length()).strip();
            }
        }
        throw new IllegalStateException("the build stage has no WORKDIR");
    }

    private static String describe(Path app) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(app)) {
            files.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        long jars = names.stream().filter(n -> n.endsWith(".jar")).count();
        List<String> other = names.stream().filter(n -> !n.endsWith(".jar")).toList();
        return jars + " jar" + (jars == 1 ? "" : "s") + " in /function/app" + (other.isEmpty() ? "" : " + " + String.join(", ", other));
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).count();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (!Files.exists(source)) {
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(p);
                boolean buildOutput = false;
                for (Path segment : relative) {
                    buildOutput |= segment.toString().equals("target");
                }
                if (buildOutput) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
