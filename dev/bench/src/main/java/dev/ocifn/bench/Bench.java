package dev.ocifn.bench;

import dev.ocifn.deploy.ColdRun;
import dev.ocifn.deploy.Form;
import dev.ocifn.deploy.OneShot;
import dev.ocifn.deploy.Scenario;
import dev.ocifn.deploy.ScenarioOci;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cold-start benchmark: for each function, cold starts of the baseline (a), the deployed form
 * (b) and a bare JVM (c), side by side; the warm path; the effect of each lever on one function;
 * then BENCHMARKS.md. Started by dev/bench/run.sh; the options are {@link BenchOptions}'.
 */
public final class Bench {
    /** The functions in the README's order first, then anything else found. */
    private static final List<String> ORDER = List.of("usage-fn", "search-fn", "pictures-fn", "model-proxy-fn");
    /** Each recorded cold start waits (at most this long) for the CPUs to be this idle. */
    static final double QUIET_IDLE = 0.9;
    static final int QUIET_WAIT_SECONDS = 30;

    record Warm(String function, Form form, ColdRun.Loop loop, ServerReplay.Result server, String problem) {
    }

    /** One function's forms and their cold starts, in {@link FormKind} order; {@code failure} if it could not be measured. */
    record FunctionResult(String function, String handler, Scenario scenario, Map<FormKind, Form> forms,
                          Map<FormKind, Stats> cold, List<Warm> warm, List<Variant> variants, List<String> notes,
                          String failure) {
        static FunctionResult failed(String function, Scenario scenario, String failure) {
            return new FunctionResult(function, "", scenario, Map.of(), Map.of(), List.of(), List.of(), List.of(), failure);
        }
    }

    /** The deployed form started with one of the scenario's variants (another request). */
    record Variant(String name, Scenario scenario, Stats cold) {
    }

    record Levers(String function, List<Form> forms, Map<String, Stats> cold, Map<String, Warm> warm, List<String> notes) {
    }

    private final BenchOptions options;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    /** The launcher's jar (module deploy, as in the image build's training run), appended to each form's class path. */
    private final Path launcherJar;
    private final Builds builds;
    private final ColdRun runner;
    /** Recorded starts, and those that began although the machine was not quiet, for the report. */
    private int starts;
    private int noisyStarts;

    Bench(BenchOptions options) throws Exception {
        this.options = options;
        Files.createDirectories(options.work());
        this.launcherJar = Path.of(OneShot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        this.builds = new Builds(options.repo(), options.work(), java, options.offline());
        this.runner = new ColdRun(java, launcherJar, options.work().resolve("runs"), options.memory());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        ScenarioOci.tuneServer();
        int failed = new Bench(options).run();
        if (failed > 0) {
            // The report says why; a script (or a person) running this must not take it for a record.
            System.err.println("bench: " + failed + " function(s) could not be measured; see " + options.out());
            System.exit(1);
        }
    }

    /** Measures every function and writes the report; returns how many could not be measured. */
    int run() throws Exception {
        String started = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String loadBefore = Machine.load();
        List<String> functions = options.functions().isEmpty() ? discover(options.repo()) : options.functions();
        List<FunctionResult> results = new ArrayList<>();
        Levers levers = null;
        for (String fn : functions) {
            log("== " + fn);
            Path dir = options.repo().resolve(fn);
            try {
                FunctionResult r = function(fn);
                results.add(r);
                if (options.leversOn(fn)) {
                    try (ScenarioOci oci = new ScenarioOci(Scenario.forFunction(dir))) {
                        levers = levers(r, oci);
                    }
                }
            } catch (Exception | AssertionError e) {
                // One function that does not build (yet) must not cost the others their numbers.
                log("  FAILED: " + e);
                results.add(FunctionResult.failed(fn, Scenario.forFunction(dir), e.toString()));
            }
        }
        Report.Conditions conditions = new Report.Conditions(started, loadBefore, Machine.load(), starts, starts - noisyStarts);
        Report.Outcome outcome = new Report.Outcome(results, levers, conditions, builds.mvn(), buildCommands(builds.log()));
        Files.writeString(options.out(), new Report(options).render(outcome), StandardCharsets.UTF_8);
        log("wrote " + options.out());
        return (int) results.stream().filter(r -> r.failure() != null).count();
    }

    private FunctionResult function(String fn) throws Exception {
        Path dir = options.repo().resolve(fn);
        String handler = handler(dir);
        Scenario scenario = Scenario.forFunction(dir);
        Map<FormKind, Form> forms = new EnumMap<>(FormKind.class);
        forms.put(FormKind.BASELINE, builds.baseline(fn, handler));
        forms.put(FormKind.DEPLOYED, builds.deployed(fn));
        forms.put(FormKind.BARE, new Form(FormKind.BARE.key(), FormKind.BARE.label(),
                "a JVM that starts and prints one line, stock flags",
                List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xshare:auto"), List.of(), null));
        List<String> notes = cdsNotes(forms.values());
        Form deployed = forms.get(FormKind.DEPLOYED);
        Map<FormKind, Stats> cold = new EnumMap<>(FormKind.class);
        List<Warm> warm = new ArrayList<>();
        Scenario resolved;
        try (ScenarioOci oci = new ScenarioOci(scenario)) {
            Map<String, Stats> byKey = measure(List.copyOf(forms.values()), oci);
            forms.keySet().forEach(kind -> cold.put(kind, byKey.get(kind.key())));
            for (int i = 0; i < options.warmInstances(); i++) {
                warm.add(warm(deployed, oci));
            }
            resolved = oci.scenario();
        }
        List<Variant> variants = new ArrayList<>();
        for (String name : scenario.variants()) {
            try (ScenarioOci oci = new ScenarioOci(Scenario.variant(dir, name))) {
                variants.add(new Variant(name, oci.scenario(), measure(List.of(deployed), oci).get(deployed.key())));
            }
        }
        return new FunctionResult(fn, handler, resolved, forms, cold, warm, variants, notes, null);
    }

    /** Each form's recorded cold starts, by form key. */
    private Map<String, Stats> measure(List<Form> forms, ScenarioOci oci) throws Exception {
        Map<String, List<ColdRun.Sample>> samples = new LinkedHashMap<>();
        for (Form f : forms) {
            // One unrecorded start per form, so that every recorded one finds its jars in the page cache.
            runner.once(f, oci, List.of());
            samples.put(f.key(), new ArrayList<>());
        }
        for (int r = 0; r < options.runs(); r++) {
            // Rounds, each form once per round: a slow moment of the machine hits every form alike.
            for (Form f : forms) {
                starts++;
                if (!Machine.waitForQuiet(QUIET_IDLE, QUIET_WAIT_SECONDS)) {
                    noisyStarts++;
                    log("  (the next start begins while other processes keep the CPUs busy)");
                }
                ColdRun.Sample s = runner.once(f, oci, List.of());
                samples.get(f.key()).add(s);
                log(String.format("  %-4s run %d: %s", f.key(), r + 1, s.ok()
                        ? String.format("%.0f ms, %.1f MB", s.millis(), s.hwmKb() / 1024.0) : "PROBLEM " + s.problem()));
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        samples.forEach((k, v) -> stats.put(k, new Stats(k, v)));
        return stats;
    }

    private Warm warm(Form form, ScenarioOci oci) {
        int warmup = options.warmup();
        int count = options.warmCount();
        try {
            Machine.waitForQuiet(QUIET_IDLE, QUIET_WAIT_SECONDS);
            ColdRun.Loop loop = runner.loop(form, oci, warmup, count);
            if (!loop.first().ok()) {
                return new Warm(oci.scenario().function(), form, loop, null, loop.first().problem());
            }
            int expected = (1 + warmup + count) * Math.max(0, oci.scenario().expectOciCalls());
            String problem = oci.scenario().expectOciCalls() >= 0 && oci.verifiedCalls() != expected
                    ? oci.verifiedCalls() + " verified OCI calls for " + (1 + warmup + count) + " invocations" : null;
            ServerReplay.Result server = oci.lastRequest() == null ? null
                    : ServerReplay.replay(oci.lastRequest(), oci.port(), warmup, count);
            log(String.format("  warm %s: p50 %.2f ms, p99 %.2f ms; server p50 %.2f ms", form.key(), loop.p50Nanos() / 1e6,
                    loop.p99Nanos() / 1e6, server == null ? Double.NaN : server.p50Nanos() / 1e6));
            return new Warm(oci.scenario().function(), form, loop, server, problem);
        } catch (Exception e) {
            return new Warm(oci.scenario().function(), form, null, null, e.toString());
        }
    }

    /** The lever table: the deployed form's flags switched off one by one, on its jar and on the same jar with Jersey. */
    private Levers levers(FunctionResult measured, ScenarioOci oci) throws Exception {
        String fn = measured.function();
        log("== levers on " + fn);
        Form baseline = measured.forms().get(FormKind.BASELINE);
        Form fast = measured.forms().get(FormKind.DEPLOYED);
        Form jersey = builds.variant(fn, "HTTP_PROVIDER=jersey", "bj", "deployed build, SDK on Jersey");
        Form indyConcat = builds.variant(fn, "MVN=\"$MVN " + Builds.JAVAC_DEFAULT_CONCAT + "\"", "bi",
                "deployed build, javac's default string concatenation");
        List<Form> forms = leverForms(baseline, fast, jersey, indyConcat);
        List<String> notes = cdsNotes(List.of(jersey, indyConcat, fast));
        Map<String, Stats> cold = measure(forms, oci);
        Map<String, Warm> warm = new LinkedHashMap<>();
        for (Form f : forms) {
            warm.put(f.key(), warm(f, oci));
        }
        return new Levers(fn, forms, cold, warm, notes);
    }

    /** The lever table's rows, L0 (the baseline) to Ln, each named by its jar and the levers it keeps. */
    static List<Form> leverForms(Form baseline, Form fast, Form jersey, Form indyConcat) {
        List<Form> forms = new ArrayList<>();
        forms.add(baseline.named("L0", FormKind.BASELINE.label(), baseline.how()));
        int i = 1;
        for (Form base : List.of(jersey, fast)) {
            String jar = base == jersey ? "one jar, SDK on Jersey" : "one jar, SDK on jdk-http";
            Form noHeap = base.withoutFlags(Bench::isHeap);
            forms.add(noHeap.withoutFlags(Bench::isCds).withoutFlags(Bench::isJit).named("L" + i++, jar, "stock flags"));
            forms.add(noHeap.withoutFlags(Bench::isCds).named("L" + i++, jar, "+ the JIT flags"));
            forms.add(noHeap.withoutFlags(Bench::isJit).named("L" + i++, jar, "+ AppCDS archive"));
            forms.add(noHeap.named("L" + i++, jar, "+ AppCDS archive + the JIT flags"));
        }
        String heap = String.join(" ", fast.flags().stream().filter(Bench::isHeap).toList());
        String deployed = "+ AppCDS archive + the JIT flags" + (heap.isEmpty() ? "" : " + initial heap (`" + heap + "`)");
        if (!heap.isEmpty()) {
            forms.add(fast.named("L" + i++, "one jar, SDK on jdk-http", deployed));
        }
        // The deployed form with BigInteger's C2 at the Tier4 thresholds of everything else: what
        // the earlier C2 compilation of the RSA arithmetic is worth to a cold start.
        if (fast.flags().stream().anyMatch(Bench::isSoonerBigIntegerC2)) {
            forms.add(fast.withoutFlags(Bench::isSoonerBigIntegerC2).named("L" + i++, "one jar, SDK on jdk-http",
                    deployed + ", without BigInteger's lower compile thresholds (`-XX:CompileCommand=CompileThresholdScaling`)"));
        }
        // The deployed form's jar compiled with javac's default concatenation (invokedynamic).
        forms.add(indyConcat.named("L" + i++, "one jar, SDK on jdk-http, javac's default string concatenation", deployed));
        // The alternative to the JIT flags: C1 only (faster start, but RSA signatures without C2).
        forms.add(fast.withoutFlags(Bench::isJit).withFlag("-XX:TieredStopAtLevel=1")
                .named("L" + i, "one jar, SDK on jdk-http", "+ AppCDS archive + C1 only (-XX:TieredStopAtLevel=1)"
                        + (heap.isEmpty() ? "" : " + initial heap")));
        return forms;
    }

    private static boolean isCds(String flag) {
        return flag.startsWith("-XX:SharedArchiveFile=");
    }

    /** The deployed form's heap sizing: an initial heap that spares a cold start most collections. */
    static boolean isHeap(String flag) {
        return flag.startsWith("-Xms") || flag.startsWith("-Xmn");
    }

    /** The deployed form's JIT choice (C2 for BigInteger only, sooner), or C1 only. */
    static boolean isJit(String flag) {
        return flag.startsWith("-XX:TieredStopAtLevel=") || flag.startsWith("-XX:CompilerDirectivesFile=")
                || flag.startsWith("-XX:Tier4") || isSoonerBigIntegerC2(flag)
                || flag.equals("-XX:+UnlockDiagnosticVMOptions");
    }

    /** The deployed form's CompileCommands that let C2 compile BigInteger's methods sooner than others. */
    static boolean isSoonerBigIntegerC2(String flag) {
        return flag.startsWith("-XX:CompileCommand=");
    }

    /** Whether each form's AppCDS archive maps, for the forms that name one. */
    private List<String> cdsNotes(Iterable<Form> forms) throws Exception {
        List<String> notes = new ArrayList<>();
        for (Form f : forms) {
            String check = cdsCheck(f);
            if (check != null) {
                notes.add(f.label() + ": " + check);
            }
        }
        return notes;
    }

    /** Whether a form's AppCDS archive really maps: the same JVM with -Xshare:on must start. */
    private String cdsCheck(Form form) throws Exception {
        if (form.sharedArchive() == null) {
            return null;
        }
        Form strict = form.withoutFlags(f -> f.startsWith("-Xshare:"));
        List<String> cmd = new ArrayList<>(new Form(form.key(), form.label(), form.how(), strict.flags(), form.classpath(), null)
                .command(java, launcherJar, List.of("-Xshare:on"), List.of()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return p.exitValue() == 0 ? "its AppCDS archive maps (the same command with -Xshare:on starts)"
                : "its AppCDS archive does NOT map (-Xshare:on fails: " + output.strip().replace('\n', ' ') + ")";
    }

    /** Every folder with a func.yaml and Java sources: the functions, whoever has written them so far. */
    static List<String> discover(Path repo) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(repo)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("func.yaml")) && Files.isDirectory(d.resolve("src/main/java")))
                    .map(d -> d.getFileName().toString()).sorted().forEach(found::add);
        }
        found.sort((x, y) -> Integer.compare(rank(x), rank(y)));
        return found;
    }

    private static int rank(String fn) {
        int i = ORDER.indexOf(fn);
        return i < 0 ? ORDER.size() : i;
    }

    static String handler(Path functionDir) throws IOException {
        for (String line : Files.readAllLines(functionDir.resolve("func.yaml"))) {
            if (line.startsWith("cmd:")) {
                return line.substring("cmd:".length()).replaceAll("#.*$", "").strip();
            }
        }
        throw new IllegalStateException(functionDir + "/func.yaml has no cmd");
    }

    /** The commands the build log records, in order. */
    static List<String> buildCommands(Path log) throws IOException {
        List<String> commands = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("$ ")) {
                    commands.add(line.substring(2));
                }
            }
        }
        return commands;
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
