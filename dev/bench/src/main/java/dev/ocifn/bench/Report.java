package dev.ocifn.bench;

import dev.ocifn.deploy.ColdRun;
import dev.ocifn.deploy.Form;
import dev.ocifn.deploy.OneShot;
import dev.ocifn.deploy.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes BENCHMARKS.md from the measurements. */
final class Report {
    private final String arguments;
    private final String date;
    private final String loadBefore;
    private final int runs;
    private final int warmup;
    private final int warmCount;
    private final int warmInstances;
    private final int memory;

    Report(String arguments, String date, String loadBefore, int runs, int warmup, int warmCount, int warmInstances,
           int memory) {
        this.arguments = arguments;
        this.date = date;
        this.loadBefore = loadBefore;
        this.runs = runs;
        this.warmup = warmup;
        this.warmCount = warmCount;
        this.warmInstances = warmInstances;
        this.memory = memory;
    }

    void write(Path out, Path repo, Path work, Builds builds, Path benchJar, List<Bench.FunctionResult> results,
               Bench.Levers levers, String loadAfter) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks: cold start and memory\n\n");
        md.append("Written by `dev/bench/run.sh").append(arguments.isEmpty() ? "" : " " + arguments).append("` on ").append(date)
                .append(": each function's cold start and peak memory in its deployed form, next to a baseline built "
                        + "the way Oracle's function samples are and a bare JVM; the warm path; what each start-up lever is worth.\n\n");

        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| CPUs (`nproc`) | ").append(Machine.cpus()).append(" |\n");
        md.append("| CPU | ").append(Machine.cpuModel()).append(" |\n");
        md.append("| memory | ").append(Machine.memory()).append(" |\n");
        md.append("| OS | ").append(Machine.os()).append(" |\n");
        md.append("| JDK (harness and every measured JVM) | ").append(Machine.jdk()).append(" |\n");
        md.append("| load average 1/5/15 min, at start → at end | ").append(loadBefore).append(" → ").append(loadAfter)
                .append(" |\n");
        md.append("| recorded cold starts begun on a quiet machine (≥ 90 % CPU idle over the 0.5 s before, waiting up to 30 s) | ")
                .append(Bench.starts - Bench.noisyStarts).append(" of ").append(Bench.starts).append(" |\n\n");

        md.append("## How it is measured\n\n");
        md.append("- **Cold start**: a fresh JVM started with the form's flags and class path (the image's ENTRYPOINT), running "
                + "the FDK's real `EntryPoint.run` (function loading, configuration, coercions, `HTTPGatewayContext`) fed one "
                + "invocation as Fn's agent sends it (an HTTP request with the Fn headers, through the FDK's own httpcore framing; "
                + "`dev.ocifn.deploy.OneShot` stands in for `EntryPoint.main`, whose unix socket needs Fn's native library). "
                + "The function builds its real SDK client and makes one real signed call to oci-fake's local server, which "
                + "verifies the signature and gives a canned answer (scenario: `<function>/src/train/scenario.json`). "
                + "Time: from just before the process starts until the line saying the response is complete arrives (not "
                + "process exit, which can come later: a `java.net.http` client, as the functions used before, keeps a selector thread that delays it by about 300 ms). Peak RSS: the child's `VmHWM` at that moment.\n");
        md.append("- Every answer is checked: the gateway status and the number of signed OCI calls the server verified must be "
                + "the scenario's; a run that fails is reported, never counted.\n");
        md.append("- `-XX:MaxRAM=").append(memory).append("m` on every JVM stands in for the container's memory limit "
                + "(func.yaml `memory: ").append(memory).append("`): the JVM sizes its heap as it would in that container. "
                + "CPU is not limited.\n");
        md.append("- ").append(runs).append(" recorded cold starts per form, in rounds (a, b, c, a, b, ...), after one "
                + "unrecorded start per form (page cache); each recorded start waits until the CPUs have been idle for "
                + "half a second (others build on this machine); median, min and max.\n");
        md.append("- **Warm path**: ").append(warmInstances).append(" fresh instances of the deployed form, one after "
                + "another (the launcher in loop mode: one connection, invocations back to back), each ")
                .append(warmup).append(" invocations to warm up, then ").append(warmCount).append(" timed from request bytes "
                        + "in to response bytes out. The local server's own time is measured apart: the function's last signed "
                        + "request replayed byte for byte over a keep-alive socket, as many times. The function's own overhead is "
                        + "the difference of the medians; a function's figure is its median instance's.\n\n");

        md.append("Forms: **(a) baseline**: function jar + `mvn dependency:copy-dependencies -DincludeScope=runtime` jars (the "
                + "SDK on its default Jersey stack, kept even if the function drops it) in `/function/app`, the FDK jars of the "
                + "runtime image in `/function/runtime`, and the stock `fnproject/fn-java-fdk:jre17` ENTRYPOINT flags "
                + "(`-XX:-UsePerfData -XX:+UseSerialGC -Xshare:auto`, as recorded in fnproject/cli's tests); our modules "
                + "compiled as javac compiles by default (string concatenation by invokedynamic). "
                + "**(b) deployed**: built exactly as `fn deploy` builds the function: func.yaml's build step, then the "
                + "Dockerfile's build stage (`deploy/image-build.sh`) run by fn-testkit's `DeployContextCheck`, then its run "
                + "stage (COPY, RUN, ENTRYPOINT, CMD) carried out locally: one jar without signature files, the SDK on "
                + "`jdk-http` (HTTP/1.1 on the JDK's own sockets) instead of Jersey, an AppCDS archive dumped in the run stage from the class "
                + "list of a training invocation, and the Dockerfile's ENTRYPOINT flags; our modules compiled with the root pom's "
                + "inline string concatenation. "
                + "**(c) bare JVM**: starts and prints one line.\n\n");

        md.append("## Cold start\n\n");
        md.append("| function | form | cold start ms: median (min–max) | peak RSS MB: median (max) | signed OCI calls | answer |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Bench.FunctionResult r : results) {
            if (r.failure() != null) {
                md.append("| ").append(r.function()).append(" | – | build or run failed: ")
                        .append(shorten(r.failure(), repo, work).replace('\n', ' ').replace("|", "\\|")).append(" | | | |\n");
            }
            for (Form f : r.forms()) {
                Stats s = r.cold().get(f.key());
                md.append("| ").append(r.function()).append(" | ").append(f.label()).append(" | ").append(millis(s))
                        .append(" | ").append(rss(s)).append(" | ").append(f.bare() ? "–" : calls(s)).append(" | ")
                        .append(f.bare() ? "–" : answer(s, r.scenario())).append(" |\n");
            }
        }
        md.append("\n### Ratios and targets\n\n");
        md.append("Targets for the deployed form: median cold start ≤ 0.35 × baseline and < 400 ms; peak RSS < 96 MB "
                + "(so `memory: 128`).\n\n");
        md.append("| function | b/a | b/c | b meets targets |\n|---|---|---|---|\n");
        for (Bench.FunctionResult r : results) {
            if (r.failure() != null) {
                continue;
            }
            Stats a = r.cold().get("a");
            Stats b = r.cold().get("b");
            Stats c = r.cold().get("c");
            md.append("| ").append(r.function()).append(" | ").append(ratio(b, a)).append(" | ").append(ratio(b, c))
                    .append(" | ").append(verdict(b, a)).append(" |\n");
        }

        boolean anyVariant = results.stream().anyMatch(r -> !r.variants().isEmpty());
        if (anyVariant) {
            md.append("\n### Other requests, deployed form\n\n");
            md.append("The deployed form started cold with the scenario's variants (`<function>/src/train/scenario@<variant>.json`), "
                    + "the same way and as many times: the largest bodies a function takes or gives, for its memory.\n\n");
            md.append("| function | request | cold start ms: median (min–max) | peak RSS MB: median (max) | signed OCI calls | answer |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (Bench.FunctionResult r : results) {
                for (Bench.Variant v : r.variants()) {
                    md.append("| ").append(r.function()).append(" | ").append(v.name()).append(": ").append(v.scenario().about())
                            .append(" | ").append(millis(v.cold())).append(" | ").append(rss(v.cold())).append(" | ")
                            .append(calls(v.cold())).append(" | ").append(answer(v.cold(), v.scenario())).append(" |\n");
                }
            }
        }

        if (levers != null) {
            md.append("\n## Levers, one at a time (").append(levers.function()).append(")\n\n");
            md.append("Each row is built by the function's Dockerfile and `deploy/image-build.sh` (the deployed form's jar, "
                    + "or the same with `HTTP_PROVIDER=jersey`, or with javac's default string concatenation, "
                    + "`-Djavac.string.concat=indyWithConstants`) and started with its ENTRYPOINT minus the levers not named; \"stock flags\" = `-XX:-UsePerfData -XX:+UseSerialGC "
                    + "-Xshare:auto` (the JDK's default CDS archive).\n\n");
            md.append("| # | jar | flags | cold start ms: median (min–max) | × baseline | peak RSS MB: median (max) "
                    + "| warm p50 / p99 ms | function's own p50 ms | RSS after the warm run, MB |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            Stats base = levers.cold().get("L0");
            for (Form f : levers.forms()) {
                Stats s = levers.cold().get(f.key());
                md.append("| ").append(f.key()).append(" | ").append(f.label()).append(" | ")
                        .append(f.key().equals("L0") ? "plain jars, stock flags" : f.how()).append(" | ").append(millis(s))
                        .append(" | ").append(ratio(s, base)).append(" | ").append(rss(s)).append(" | ")
                        .append(warmCells(levers.warm().get(f.key()))).append(" |\n");
            }
        }

        md.append("\n## Warm path\n\n");
        md.append("| function | form | invocations/s | p50 ms | p99 ms | local server alone p50 / p99 ms | function's own p50 ms | RSS after, MB |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        StringBuilder medians = new StringBuilder();
        for (Bench.FunctionResult r : results) {
            int instance = 0;
            List<Double> own = new ArrayList<>();
            for (Bench.Warm w : r.warm()) {
                instance++;
                String label = w.form().label() + (r.warm().size() > 1 ? ", instance " + instance : "");
                if (w.loop() == null || w.loop().count() == 0) {
                    md.append("| ").append(r.function()).append(" | ").append(label).append(" | failed: ")
                            .append(w.problem()).append(" | | | | | |\n");
                    continue;
                }
                ColdRun.Loop l = w.loop();
                double perSecond = l.count() / (l.sumNanos() / 1e9);
                if (w.server() != null) {
                    own.add((l.p50Nanos() - w.server().p50Nanos()) / 1e6);
                }
                md.append("| ").append(r.function()).append(" | ").append(label).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", perSecond)).append(" | ").append(ms(l.p50Nanos()))
                        .append(" | ").append(ms(l.p99Nanos())).append(" | ")
                        .append(w.server() == null ? "–" : ms(w.server().p50Nanos()) + " / " + ms(w.server().p99Nanos()))
                        .append(" | ").append(w.server() == null ? "–" : ms(l.p50Nanos() - w.server().p50Nanos()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", l.hwmKb() / 1024.0))
                        .append(w.problem() == null ? "" : " (" + w.problem() + ")").append(" |\n");
            }
            if (!own.isEmpty()) {
                List<Double> sorted = own.stream().sorted().toList();
                medians.append(medians.length() == 0 ? "" : "; ").append(r.function()).append(" ")
                        .append(String.format(Locale.ROOT, "**%.2f** (%.2f–%.2f)", sorted.get(sorted.size() / 2),
                                sorted.get(0), sorted.get(sorted.size() - 1)));
            }
        }
        if (medians.length() > 0) {
            md.append("\nThe function's own p50, median instance (lowest–highest), ms: ").append(medians).append(".\n");
        }
        md.append("\nTarget: the function's own overhead under 2 ms at p50.\n");

        md.append("\n## Reading the numbers\n\n");
        md.append("- This is a shared virtual machine whose speed drifts: the bare JVM (c) is the yardstick; compare forms "
                + "within one run (they run interleaved), and prefer the ratios to the absolute milliseconds.\n");
        md.append("- The local server speaks plain HTTP: a real OCI call adds the TLS handshake (and the network), for every "
                + "form alike. Every form still builds its TLS context (the JDK's CA certificates) before its first call goes "
                + "out (the deployed form on a background thread), as it would for an https endpoint.\n");
        md.append("- The warm path's largest single cost is the request signature: an RSA-2048 private-key operation per "
                + "OCI call. C2 compiles BigInteger's inner loops to intrinsics (about 0.8 ms a signature here); C1 code "
                + "takes about 7 ms. Full C2 for everything costs memory: its compilations take the resident set past "
                + "128 MB after a few thousand invocations. The deployed form lets C2 compile BigInteger only "
                + "(`deploy/jit-directives.json`) and everything else stays C1 code; the lever table shows C1 only beside it.\n");
        md.append("- Heap: with `-XX:MaxRAM=128m` the JVM starts with an 8 MB heap, and a cold start allocates about 20 MB "
                + "(more than a third of it parsing the JDK's CA certificates for the TLS context): nine serial collections "
                + "before the first answer, one of them full, each stopping every thread. The deployed form starts with "
                + "24 MB (two collections); its steady-state heap is bounded by the same 64 MB maximum either way.\n");
        md.append("- `OneShot` replaces only `EntryPoint.main`'s codec (Fn's unix socket, which needs Fn's native library): "
                + "the same httpcore request parsing and response writing, one connection per invocation as the FDK does.\n");

        md.append("\n## Exactly what ran\n\n");
        md.append("One command: `dev/bench/run.sh").append(arguments.isEmpty() ? "" : " " + arguments).append("` (it runs "
                + "`mvn -B -q -o -N install`, `mvn -B -q -o -pl oci-fake,fn-testkit,deploy,bench install -DskipTests`, then `java -cp <bench jar "
                + "and its dependencies> dev.ocifn.bench.Bench` with the same options). `$WORK` is `dev/bench/target/bench-work`; build logs: `$WORK/build.log`.\n\n");
        md.append("Each cold start: `<java> <flags> -XX:MaxRAM=").append(memory).append("m -cp <class path>:<bench jar> "
                + "dev.ocifn.deploy.OneShot <handler> request.http response.http` with a clean environment holding Fn's "
                + "variables (FN_FORMAT, FN_FN_ID, FN_MEMORY, ...), the resource principal (OCI_RESOURCE_PRINCIPAL_*), "
                + "OCI_ENDPOINT and the scenario's configuration.\n\n");
        Set<String> seen = new LinkedHashSet<>();
        for (Bench.FunctionResult r : results) {
            if (r.failure() != null) {
                continue;
            }
            md.append("### ").append(r.function()).append(" (`").append(r.handler()).append("`)\n\n");
            md.append("Scenario: ").append(r.scenario().about()).append(r.scenario().fromFile() ? "" : " **(fallback: no scenario file)**")
                    .append("\n\n");
            for (Form f : r.forms()) {
                if (f.bare() && !seen.add("bare")) {
                    continue;
                }
                md.append("- ").append(f.label()).append(": ").append(shorten(f.how(), repo, work)).append("  \n  flags `")
                        .append(shorten(f.flagsText(), repo, work)).append("`").append(f.bare() ? "" : "  \n  class path `"
                                + shorten(String.join(":", f.classpath()), repo, work) + "`").append("\n");
            }
            for (String note : r.notes()) {
                md.append("- ").append(shorten(note, repo, work)).append("\n");
            }
            md.append("\n");
        }
        if (levers != null) {
            for (String note : levers.notes()) {
                md.append("- levers: ").append(shorten(note, repo, work)).append("\n");
            }
            md.append("\n");
        }
        md.append("Build commands, in order (from `$WORK/build.log`; `$MVN` is `")
                .append(shorten(builds.mvn(), repo, work)).append("`, `$WORK/m2` links the developer's Maven repository "
                        + "without this project's artifacts):\n\n```sh\n");
        for (String line : buildCommands(builds.log())) {
            md.append(shorten(line, repo, work)).append("\n");
        }
        md.append("```\n");

        List<String> problems = new ArrayList<>();
        for (Bench.FunctionResult r : results) {
            for (Map.Entry<String, Stats> e : r.cold().entrySet()) {
                for (String p : e.getValue().problems()) {
                    problems.add(r.function() + " " + e.getKey() + ": " + p);
                }
            }
        }
        if (!problems.isEmpty()) {
            md.append("\n## Failed runs (not counted)\n\n");
            problems.stream().distinct().forEach(p -> md.append("- ").append(shorten(p, repo, work)).append("\n"));
        }
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> buildCommands(Path log) throws IOException {
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

    private static String shorten(String s, Path repo, Path work) {
        String home = System.getProperty("user.home");
        return s.replace(work.toString(), "$WORK").replace(repo.toString(), ".").replace(home, "~");
    }

    private static String millis(Stats s) {
        if (s == null || s.good().isEmpty()) {
            return "no good run";
        }
        return String.format(Locale.ROOT, "**%.0f** (%.0f–%.0f)", s.medianMillis(), s.minMillis(), s.maxMillis())
                + (s.good().size() < s.samples().size() ? " " + s.good().size() + "/" + s.samples().size() + " ok" : "");
    }

    private static String rss(Stats s) {
        if (s == null || s.good().isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f (%.1f)", s.medianRssMb(), s.maxRssMb());
    }

    private static String calls(Stats s) {
        return s == null || s.good().isEmpty() ? "–" : String.valueOf(s.ociCalls());
    }

    private static String answer(Stats s, Scenario scenario) {
        if (s == null || s.good().isEmpty()) {
            return "failed";
        }
        int status = s.good().get(0).gatewayStatus();
        return status + (scenario.fromFile() ? "" : " (no scenario)");
    }

    private static String ratio(Stats x, Stats y) {
        if (x == null || y == null || x.good().isEmpty() || y.good().isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", x.medianMillis() / y.medianMillis());
    }

    private static String verdict(Stats x, Stats a) {
        if (x == null || a == null || x.good().isEmpty() || a.good().isEmpty()) {
            return "–";
        }
        boolean fast = x.medianMillis() < 400;
        boolean ratio = x.medianMillis() <= 0.35 * a.medianMillis();
        boolean small = x.maxRssMb() < 96;
        if (fast && ratio && small) {
            return "yes";
        }
        List<String> missed = new ArrayList<>();
        if (!fast) {
            missed.add("≥ 400 ms");
        }
        if (!ratio) {
            missed.add("> 0.35 × a");
        }
        if (!small) {
            missed.add("RSS ≥ 96 MB");
        }
        return "no: " + String.join(", ", missed);
    }

    private static String warmCells(Bench.Warm w) {
        if (w == null || w.loop() == null || w.loop().count() == 0) {
            return "– | – | –";
        }
        String own = w.server() == null ? "–" : ms(w.loop().p50Nanos() - w.server().p50Nanos());
        return ms(w.loop().p50Nanos()) + " / " + ms(w.loop().p99Nanos()) + " | " + own + " | "
                + String.format(Locale.ROOT, "%.1f", w.loop().hwmKb() / 1024.0);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
