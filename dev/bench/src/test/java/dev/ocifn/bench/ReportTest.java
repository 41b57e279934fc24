package dev.ocifn.bench;

import dev.ocifn.deploy.ColdRun;
import dev.ocifn.deploy.Form;
import dev.ocifn.deploy.Scenario;
import org.junit.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * BENCHMARKS.md rendered from fixed, made-up results (no build, no JVM started): every section
 * the results call for is there and filled in from the template, the others are left out.
 */
public class ReportTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final BenchOptions OPTIONS = BenchOptions.parse("--repo", REPO.toString(), "--runs", "3",
            "--warmup", "50", "--warm", "100", "--warm-instances", "3", "--memory", "128");
    private static final Path WORK = OPTIONS.work();
    private static final List<String> COMMANDS = List.of("(cd " + WORK + "/usage-fn-baseline/context && $MVN -N install)");

    @Test
    public void aReportWithEveryKindOfResultHasEverySectionFilledIn() {
        List<Bench.FunctionResult> results = List.of(result("usage-fn", true, true), result("pictures-fn", true, false),
                fallback("new-fn"), Bench.FunctionResult.failed("broken-fn", Scenario.fallback("broken-fn"),
                        "java.lang.IllegalStateException: no jar | in " + WORK + "\nsecond line"));
        String md = render(results, levers());

        assertFalse(md, md.contains("${"));
        assertFalse(md, md.contains("<!--"));
        assertInOrder(md, "# Benchmarks: cold start and memory\n\nWritten by `dev/bench/run.sh --repo " + REPO + " --runs 3",
                "\n## Machine\n", "| CPUs (`nproc`) | " + Machine.cpus() + " |",
                "| load average 1/5/15 min, at start → at end | 1 / 2 / 3 → 4 / 5 / 6 |",
                "(≥ 90 % CPU idle over the 0.5 s before, waiting up to 30 s) | 17 of 20 |",
                "\n## How it is measured\n", "`-XX:MaxRAM=128m` on every JVM", "(func.yaml `memory: 128`)",
                "- 3 recorded cold starts per form", "**Warm path**: 3 fresh instances", "each 50 invocations to warm up, then 100 timed",
                "Forms: **(a) baseline**",
                "\n## Cold start\n", "| usage-fn | baseline (a) | **907** (900–914) 3/4 ok |", "| usage-fn | deployed (b) |",
                "| usage-fn | bare JVM (c) |", "| new-fn | baseline (a) | **907** (900–914) | 40.0 (41.0) | 1 | 200 (no scenario) |",
                "| broken-fn | – | build or run failed: java.lang.IllegalStateException: no jar \\| in $WORK second line | | | |",
                "\n### Ratios and targets\n", "median cold start ≤ 0.35 × baseline and < 400 ms; peak RSS < 96 MB",
                "| usage-fn | 0.34 | 5.39 | yes |",
                "\n### Other requests, deployed form\n", "| pictures-fn | upload-6mb: ",
                "\n## Levers, one at a time (usage-fn)\n", "`-Djavac.string.concat=indyWithConstants`",
                "| L0 | baseline (a) | plain jars, stock flags | **807** (800–814) | 1.00 |", "| L1 | one jar | + lever 1 |",
                "\n## Warm path\n", "| usage-fn | deployed (b), instance 1 | 500 | 2.00 | 2.50 | 0.30 / 0.60 | 1.70 | 58.6 |",
                "\nThe function's own p50, median instance (lowest–highest), ms: usage-fn **2.20** (1.70–2.20);",
                "\nTarget: the function's own overhead under 2 ms at p50.\n",
                "\n## Reading the numbers\n",
                "\n## Exactly what ran\n", "`mvn -B -q -o -pl deploy/oci-fake,dev/fn-testkit,deploy,dev/bench install -DskipTests`",
                "`<java> <flags> -XX:MaxRAM=128m -cp",
                "\n### usage-fn (`a.B::handle`)\n\nScenario: ", "- deployed (b): built by usage-fn  \n  flags `-XX:-UsePerfData"
                        + " -XX:SharedArchiveFile=$WORK/usage-fn/app.jsa`  \n  class path `$WORK/usage-fn/app/*:./x.jar`\n",
                "- bare JVM (c): a JVM that starts and prints one line, stock flags  \n  flags `-XX:-UsePerfData -XX:+UseSerialGC -Xshare:auto`\n",
                "- deployed (b): its AppCDS archive maps\n\n### pictures-fn",
                "\n### new-fn (`a.B::handle`)\n\nScenario: ", " **(fallback: no scenario file)**\n",
                "- levers: jersey: maps\n\nBuild commands, in order", "`$MVN` is `mvn -B -q -o -Dmaven.repo.local=$WORK/m2`",
                "```sh\n(cd $WORK/usage-fn-baseline/context && $MVN -N install)\n```\n",
                "\n## Failed runs (not counted)\n\n- usage-fn a: status 500 from $WORK/x\n");
        assertTrue(md, md.endsWith("- usage-fn a: status 500 from $WORK/x\n"));
        assertFalse("the bare JVM is listed once", md.substring(md.indexOf("### pictures-fn")).contains("bare JVM (c): a JVM"));
        assertEquals(md, -1, md.indexOf("\n\n\n"));
    }

    @Test
    public void sectionsWithNothingToShowAreLeftOut() {
        Bench.FunctionResult plain = result("search-fn", false, false);
        List<Bench.Warm> withoutServer = List.of(warm(plain.forms().get(FormKind.DEPLOYED), 1_500_000, false));
        Bench.FunctionResult r = new Bench.FunctionResult(plain.function(), plain.handler(), plain.scenario(), plain.forms(),
                plain.cold(), withoutServer, List.of(), List.of(), null);
        String md = render(List.of(r), null);

        assertFalse(md, md.contains("${"));
        assertInOrder(md, "Written by `dev/bench/run.sh --repo", "\n## Machine\n", "\n## How it is measured\n", "\n## Cold start\n",
                "\n### Ratios and targets\n", "| search-fn | 0.34 | 5.39 | yes |\n\n## Warm path\n",
                "| search-fn | deployed (b) | 667 | 1.50 | 2.00 | – | – | 58.6 |\n\nTarget: the function's own overhead",
                "\n## Reading the numbers\n", "\n## Exactly what ran\n",
                "### search-fn (`a.B::handle`)\n\nScenario: ", "\n\nBuild commands, in order");
        for (String absent : List.of("### Other requests", "## Levers", "- levers:", "The function's own p50, median instance",
                "## Failed runs", "fallback: no scenario file")) {
            assertFalse(absent, md.contains(absent));
        }
        assertTrue(md, md.endsWith("```\n"));
        assertEquals(md, -1, md.indexOf("\n\n\n"));
    }

    @Test
    public void aTargetMissedIsNamed() {
        Bench.FunctionResult r = result("usage-fn", false, false);
        Map<FormKind, Stats> cold = new EnumMap<>(r.cold());
        cold.put(FormKind.DEPLOYED, stats(500, 100_000));
        String md = render(List.of(new Bench.FunctionResult(r.function(), r.handler(), r.scenario(), r.forms(), cold, r.warm(),
                List.of(), List.of(), null)), null);
        assertTrue(md, md.contains("| usage-fn | 0.56 | 8.89 | no: ≥ 400 ms, > 0.35 × a, RSS ≥ 96 MB |"));
    }

    private static String render(List<Bench.FunctionResult> results, Bench.Levers levers) {
        Report.Conditions conditions = new Report.Conditions("Mon, 7 Dec 2026 04:29:16 GMT", "1 / 2 / 3", "4 / 5 / 6", 20, 17);
        return new Report(OPTIONS).render(new Report.Outcome(results, levers, conditions,
                "mvn -B -q -o -Dmaven.repo.local=" + WORK + "/m2", COMMANDS));
    }

    private static void assertInOrder(String text, String... parts) {
        int at = 0;
        for (String part : parts) {
            int found = text.indexOf(part, at);
            assertTrue("missing after offset " + at + ": " + part + "\n---\n" + text, found >= 0);
            at = found + part.length();
        }
    }

    private static Stats stats(double ms, long kb, ColdRun.Sample... extra) {
        List<ColdRun.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(new ColdRun.Sample(ms + i * 7, kb + i * 1000, 200, 1, null, null));
        }
        samples.addAll(List.of(extra));
        return new Stats("x", samples);
    }

    private static Form form(FormKind kind, String how, String fn) {
        return new Form(kind.key(), kind.label(), how, List.of("-XX:-UsePerfData", "-XX:SharedArchiveFile=" + WORK + "/" + fn + "/app.jsa"),
                List.of(WORK + "/" + fn + "/app/*", REPO + "/x.jar"), "a.B::handle");
    }

    private static Bench.Warm warm(Form form, long p50, boolean server) {
        ColdRun.Loop loop = new ColdRun.Loop(100, p50, p50 + 100_000, p50 + 500_000, p50 + 900_000, 100 * p50, 200 * p50,
                60_000, null);
        return new Bench.Warm("fn", form, loop, server ? new ServerReplay.Result(100, 300_000, 600_000) : null, null);
    }

    private static Bench.FunctionResult result(String fn, boolean variants, boolean failedRun) {
        return result(fn, Scenario.forFunction(REPO.resolve(fn)), variants, failedRun);
    }

    /** A function folder without a scenario file. */
    private static Bench.FunctionResult fallback(String fn) {
        return result(fn, Scenario.fallback(fn), false, false);
    }

    private static Bench.FunctionResult result(String fn, Scenario scenario, boolean variants, boolean failedRun) {
        Map<FormKind, Form> forms = new EnumMap<>(FormKind.class);
        forms.put(FormKind.BASELINE, form(FormKind.BASELINE, "function jar, stock flags", fn));
        forms.put(FormKind.DEPLOYED, form(FormKind.DEPLOYED, "built by " + fn, fn));
        forms.put(FormKind.BARE, new Form(FormKind.BARE.key(), FormKind.BARE.label(),
                "a JVM that starts and prints one line, stock flags", List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xshare:auto"),
                List.of(), null));
        Map<FormKind, Stats> cold = new EnumMap<>(FormKind.class);
        cold.put(FormKind.BASELINE, failedRun
                ? stats(900, 40_000, new ColdRun.Sample(0, 0, 500, 0, "status 500 from " + WORK + "/x", null))
                : stats(900, 40_000));
        cold.put(FormKind.DEPLOYED, stats(300, 40_000));
        cold.put(FormKind.BARE, stats(50, 40_000));
        Form deployed = forms.get(FormKind.DEPLOYED);
        List<Bench.Warm> warm = List.of(warm(deployed, 2_000_000, true), warm(deployed, 2_500_000, true),
                warm(deployed, 1_500_000, false));
        List<Bench.Variant> found = new ArrayList<>();
        if (variants) {
            for (String name : scenario.variants()) {
                found.add(new Bench.Variant(name, Scenario.variant(REPO.resolve(fn), name), stats(400, 40_000)));
            }
        }
        return new Bench.FunctionResult(fn, "a.B::handle", scenario, forms, cold, warm, found,
                List.of("deployed (b): its AppCDS archive maps"), null);
    }

    private static Bench.Levers levers() {
        List<Form> forms = new ArrayList<>();
        Map<String, Stats> cold = new LinkedHashMap<>();
        Map<String, Bench.Warm> warm = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            Form f = form(FormKind.DEPLOYED, "+ lever " + i, "usage-fn").named("L" + i,
                    i == 0 ? FormKind.BASELINE.label() : "one jar", "+ lever " + i);
            forms.add(f);
            cold.put(f.key(), stats(800 - i * 100, 40_000));
            warm.put(f.key(), warm(f, 2_000_000, i != 2));
        }
        return new Bench.Levers("usage-fn", forms, cold, warm, List.of("jersey: maps"));
    }
}
