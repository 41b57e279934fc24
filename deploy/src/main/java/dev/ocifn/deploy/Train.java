package dev.ocifn.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training invocation of an image build: runs the function once, in a fresh JVM on the image's
 * class path order (app, then the FDK runtime), through {@link OneShot} against the local
 * signature-checking server with the function's scenario ({@code src/train/scenario.json} in its
 * folder, the one the benchmark uses too), and has that JVM write the
 * list of classes it loaded ({@code -XX:DumpLoadedClassList}). The run stage dumps its AppCDS
 * archive from that list. Fails (exit 1) if the invocation did not answer as the scenario expects,
 * so a broken function never yields a quietly useless archive.
 * <p>
 * Usage: {@code Train <function folder> <Class::method> <app dir> <FDK runtime dir> <class list file>}
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Train <function folder> <Class::method> <app dir> <FDK runtime dir> <class list file>");
            System.exit(2);
        }
        Path functionDir = Path.of(args[0]).toAbsolutePath().normalize();
        String function = functionDir.getFileName().toString();
        ScenarioOci.tuneServer();
        Path app = Path.of(args[2]).toAbsolutePath();
        Path runtime = Path.of(args[3]).toAbsolutePath();
        Path classList = Path.of(args[4]).toAbsolutePath();
        Path work = Files.createTempDirectory("train-" + function);
        Path launcherJar = Path.of(Train.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Form form = new Form("train", "training", "", List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xshare:auto"),
                List.of(app + "/*", runtime + "/*"), args[1]);
        Scenario scenario = Scenario.forFunction(functionDir);
        try (ScenarioOci oci = new ScenarioOci(scenario)) {
            ColdRun.Sample sample = new ColdRun(java, launcherJar, work, 128)
                    .once(form, oci, List.of("-XX:DumpLoadedClassList=" + classList));
            if (!sample.ok()) {
                System.err.println("training invocation of " + function + " failed: " + sample.problem());
                System.exit(1);
            }
            if (!scenario.fromFile()) {
                System.err.println("WARNING no training scenario for " + function + " (" + Scenario.file(functionDir)
                        + "): trained on a plain invoke, the archive will miss the OCI call's classes");
            }
            System.err.println("training of " + function + ": status " + sample.gatewayStatus() + ", " + sample.ociCalls()
                    + " signed OCI call(s), " + Files.readAllLines(classList).size() + " classes listed in " + classList);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
