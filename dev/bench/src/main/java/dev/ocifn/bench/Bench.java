package dev.ocifn.bench;

import dev.ocifn.deploy.ColdRun;
import dev.ocifn.deploy.Form;
import dev.ocifn.deploy.ScenarioOci;
import dev.ocifn.deploy.OneShot;
import dev.ocifn.deploy.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cold-start benchmark: for each function, cold starts of the baseline (a), the deployed form
 * (b) and a bare JVM (c), side by side; the warm path; the effect of
 * each lever on one function; then BENCHMARKS.md. Started by dev/bench/run.sh.
 * <p>
 * Options: {@code --functions a,b} (default: every folder with func.yaml and src/main/java),
 * {@code --runs 7}, {@code --warm 2000} (warm invocations), {@code --warmup 500},
 * {@code --warm-instances 3} (fresh instances measured warm, one after another),
 * {@code --levers usage-fn} (or none),
 * {@code --memory 128} (MB, as func.yaml's memory), {@code --out BENCHMARKS.md},
 * {@code --online} (let Maven download), {@code --repo .}
 */
public final class Bench {
    /** The functions in the README's order first, then anything else found. */
    private static final List<String> ORDER = List.of("usage-fn", "search-fn", "pictures-fn", "model-proxy-fn");
    /** Each recorded cold start waits (at most this long) for the CPUs to be this idle. */
    private static final double QUIET_IDLE = 0.9;
    private static final int QUIET_WAIT_SECONDS = 30;
    /** Recorded starts that began although the machine was not quiet, for the report. */
    static int noisyStarts;
    static int starts;
    /**
     * Instances of the deployed form measured warm, each fresh: one instance's figures drift with
     * the machine (the same form has given 1.6 and 3.8 ms in one run), so the report takes the
     * median instance.
     */
    private static int warmInstances = 3;

    record Warm(String function, Form form, ColdRun.Loop loop, ServerReplay.Result server, String problem) {
    }

    record FunctionResult(String function, String handler, Scenario scenario, List<Form> forms,
                          Map<String, Stats> cold, List<Warm> warm, List<Variant> variants, List<String> notes,
                          String failure) {
    }

    /** The deployed form started with one of the scenario's variants (another request). */
    record Variant(String name, Scenario scenario, Stats cold) {
    }

    record Levers(String function, List<Form> forms, Map<String, Stats> cold, Map<String, Warm> warm, List<String> notes) {
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        ScenarioOci.tuneServer();
        Path repo = Path.of(opt.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        Path work = repo.resolve("dev/bench/target/bench-work");
        Files.createDirectories(work);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The launcher's jar (module deploy, as in the image build's training run), appended to
        // each form's class path.
        Path benchJar = Path.of(OneShot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int runs = Integer.parseInt(opt.getOrDefault("runs", "7"));
        int warmCount = Integer.parseInt(opt.getOrDefault("warm", "2000"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "500"));
        warmInstances = Integer.parseInt(opt.getOrDefault("warm-instances", "3"));
        int memory = Integer.parseInt(opt.getOrDefault("memory", "128"));
        List<String> functions = opt.containsKey("functions") ? List.of(opt.get("functions").split(",")) : discover(repo);
        String leverFunction = opt.getOrDefault("levers", "usage-fn");
        Path out = repo.resolve(opt.getOrDefault("out", "docs/BENCHMARKS.md"));

        Report report = new Report(String.join(" ", args), ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                Machine.load(), runs, warmup, warmCount, warmInstances, memory);
        Builds builds = new Builds(repo, work, java, !opt.containsKey("online"));
        ColdRun runner = new ColdRun(java, benchJar, work.resolve("runs"), memory);
        Form bare = new Form("c", "bare JVM (c)", "a JVM that starts and prints one line, stock flags",
                List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xshare:auto"), List.of(), null);

        List<FunctionResult> results = new ArrayList<>();
        Levers levers = null;
        for (String fn : functions) {
            log("== " + fn);
            try {
                FunctionResult r = function(repo, fn, builds, runner, bare, runs, warmup, warmCount, java, benchJar);
                results.add(r);
                if (fn.equals(leverFunction)) {
                    try (ScenarioOci oci = new ScenarioOci(Scenario.forFunction(repo.resolve(fn)))) {
                        levers = levers(builds, runner, fn, r.handler(), r.forms(), oci, runs, java, benchJar, warmup, warmCount);
                    }
                }
            } catch (Exception | AssertionError e) {
                // One function that does not build (yet) must not cost the others their numbers.
                log("  FAILED: " + e);
                results.add(new FunctionResult(fn, "", Scenario.forFunction(repo.resolve(fn)), List.of(), Map.of(), List.of(), List.of(),
                        List.of(), e.toString()));
            }
        }
        report.write(out, repo, work, builds, benchJar, results, levers, Machine.load());
        log("wrote " + out);
    }

    private static FunctionResult function(Path repo, String fn, Builds builds, ColdRun runner, Form bare, int runs, int warmup, int warmCount, Path java, Path benchJar) throws Exception {
        String handler = handler(repo.resolve(fn));
        Scenario scenario = Scenario.forFunction(repo.resolve(fn));
        List<String> notes = new ArrayList<>();
        List<Form> forms = new ArrayList<>();
        forms.add(builds.baseline(fn, handler));
        forms.add(builds.deployed(fn));
        forms.add(bare);
        for (Form f : forms) {
            String check = cdsCheck(f, java, benchJar);
            if (check != null) {
                notes.add(f.label() + ": " + check);
            }
        }
        Map<String, Stats> cold;
        List<Warm> warm = new ArrayList<>();
        Scenario resolved;
        try (ScenarioOci oci = new ScenarioOci(scenario)) {
            cold = measure(runner, forms, oci, runs);
            for (Form f : forms) {
                if (f.key().equals("b")) {
                    for (int i = 0; i < warmInstances; i++) {
                        warm.add(warm(runner, f, oci, warmup, warmCount));
                    }
                }
            }
            resolved = oci.scenario();
        }
        List<Variant> variants = new ArrayList<>();
        Form deployed = forms.stream().filter(f -> f.key().equals("b")).findFirst().orElseThrow();
        for (String name : scenario.variants()) {
            try (ScenarioOci oci = new ScenarioOci(Scenario.variant(repo.resolve(fn), name))) {
                variants.add(new Variant(name, oci.scenario(), measure(runner, List.of(deployed), oci, runs).get("b")));
            }
        }
        return new FunctionResult(fn, handler, resolved, forms, cold, warm, variants, notes, null);
    }

    private static Map<String, Stats> measure(ColdRun runner, List<Form> forms, ScenarioOci oci, int runs) throws Exception {
        Map<String, List<ColdRun.Sample>> samples = new LinkedHashMap<>();
        for (Form f : forms) {
            // One unrecorded start per form, so that every recorded one finds its jars in the page cache.
            runner.once(f, oci, List.of());
            samples.put(f.key(), new ArrayList<>());
        }
        for (int r = 0; r < runs; r++) {
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

    private static Warm warm(ColdRun runner, Form form, ScenarioOci oci, int warmup, int count) {
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
    private static Levers levers(Builds builds, ColdRun runner, String fn, String handler, List<Form> measured,
                                 ScenarioOci oci, int runs, Path java, Path benchJar, int warmup, int warmCount) throws Exception {
        log("== levers on " + fn);
        Form baseline = measured.stream().filter(f -> f.key().equals("a")).findFirst().orElseThrow();
        Form fast = measured.stream().filter(f -> f.key().equals("b")).findFirst().orElseThrow();
        Form jersey = builds.variant(fn, "HTTP_PROVIDER=jersey", "bj", "deployed build, SDK on Jersey");
        Form indyConcat = builds.variant(fn, "MVN=\"$MVN " + Builds.JAVAC_DEFAULT_CONCAT + "\"", "bi",
                "deployed build, javac's default string concatenation");
        List<Form> forms = new ArrayList<>();
        forms.add(baseline.named("L0", "baseline (a)", baseline.how()));
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
        List<String> notes = new ArrayList<>();
        for (Form f : List.of(jersey, indyConcat, fast)) {
            String check = cdsCheck(f, java, benchJar);
            if (check != null) {
                notes.add(f.label() + ": " + check);
            }
        }
        Map<String, Stats> cold = measure(runner, forms, oci, runs);
        Map<String, Warm> warm = new LinkedHashMap<>();
        for (Form f : forms) {
            warm.put(f.key(), warm(runner, f, oci, warmup, warmCount));
        }
        return new Levers(fn, forms, cold, warm, notes);
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

    /** Whether a form's AppCDS archive really maps: the same JVM with -Xshare:on must start. */
    static String cdsCheck(Form form, Path java, Path benchJar) throws Exception {
        if (form.sharedArchive() == null) {
            return null;
        }
        Form strict = form.withoutFlags(f -> f.startsWith("-Xshare:"));
        List<String> cmd = new ArrayList<>(new Form(form.key(), form.label(), form.how(), strict.flags(), form.classpath(), null)
                .command(java, benchJar, List.of("-Xshare:on"), List.of()));
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("online")) {
                opt.put(name, "true");
            } else {
                opt.put(name, args[++i]);
            }
        }
        return opt;
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
