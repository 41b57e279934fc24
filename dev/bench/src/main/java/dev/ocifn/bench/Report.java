package dev.ocifn.bench;

import dev.ocifn.deploy.ColdRun;
import dev.ocifn.deploy.Form;
import dev.ocifn.deploy.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BENCHMARKS.md from the measurements: the prose is {@code benchmarks.md.template}'s, this class
 * fills in the tables and values.
 */
final class Report {
    /** Targets for the deployed form: its median cold start below this and at most this share of the baseline's. */
    static final int TARGET_MS = 400;
    static final double TARGET_RATIO = 0.35;
    /** ... and its peak RSS below this (room within func.yaml's {@code memory: 128}). */
    static final int TARGET_RSS_MB = 96;
    /** Target for the function's own overhead on the warm path, at p50. */
    static final int TARGET_OWN_MS = 2;

    private static final Template TEMPLATE = Template.load("/benchmarks.md.template");

    /** What the machine was doing while the forms ran. */
    record Conditions(String started, String loadBefore, String loadAfter, int starts, int quietStarts) {
    }

    /**
     * Everything a report is written from: the functions' results, the lever table (null if none
     * was measured), the machine's conditions, the Maven command the builds ran and the commands
     * of the build log.
     */
    record Outcome(List<Bench.FunctionResult> functions, Bench.Levers levers, Conditions conditions, String mvn,
                   List<String> buildCommands) {
    }

    private final BenchOptions options;

    Report(BenchOptions options) {
        this.options = options;
    }

    String render(Outcome outcome) {
        Map<String, String> v = new LinkedHashMap<>();
        Conditions c = outcome.conditions();
        v.put("arguments", options.quoted());
        v.put("date", c.started());
        v.put("cpus", String.valueOf(Machine.cpus()));
        v.put("cpuModel", Machine.cpuModel());
        v.put("memory", Machine.memory());
        v.put("os", Machine.os());
        v.put("jdk", Machine.jdk());
        v.put("loadBefore", c.loadBefore());
        v.put("loadAfter", c.loadAfter());
        v.put("quietIdlePercent", String.valueOf(Math.round(Bench.QUIET_IDLE * 100)));
        v.put("quietWaitSeconds", String.valueOf(Bench.QUIET_WAIT_SECONDS));
        v.put("quietStarts", String.valueOf(c.quietStarts()));
        v.put("starts", String.valueOf(c.starts()));
        v.put("memoryMb", String.valueOf(options.memory()));
        v.put("runs", String.valueOf(options.runs()));
        v.put("warmInstances", String.valueOf(options.warmInstances()));
        v.put("warmup", String.valueOf(options.warmup()));
        v.put("warmCount", String.valueOf(options.warmCount()));
        v.put("coldRows", coldRows(outcome.functions()));
        v.put("targetRatio", String.format(Locale.ROOT, "%.2f", TARGET_RATIO));
        v.put("targetMs", String.valueOf(TARGET_MS));
        v.put("targetRssMb", String.valueOf(TARGET_RSS_MB));
        v.put("ratioRows", ratioRows(outcome.functions()));
        v.put("variants", variants(outcome.functions()));
        v.put("levers", outcome.levers() == null ? "" : levers(outcome.levers()));
        v.put("warmRows", warmRows(outcome.functions()));
        String medians = ownMedians(outcome.functions());
        v.put("ownMedians", medians.isEmpty() ? "" : TEMPLATE.fill("ownMedians", Map.of("medians", medians)));
        v.put("targetOwnMs", String.valueOf(TARGET_OWN_MS));
        v.put("functions", functionDetails(outcome.functions()));
        v.put("leverNotes", outcome.levers() == null ? "" : leverNotes(outcome.levers()));
        v.put("mvn", shorten(outcome.mvn()));
        StringBuilder commands = new StringBuilder();
        outcome.buildCommands().forEach(line -> commands.append(shorten(line)).append("\n"));
        v.put("buildCommands", commands.toString());
        v.put("failedRuns", failedRuns(outcome.functions()));
        return TEMPLATE.fill("document", v);
    }

    private String coldRows(List<Bench.FunctionResult> results) {
        StringBuilder md = new StringBuilder();
        for (Bench.FunctionResult r : results) {
            if (r.failure() != null) {
                md.append("| ").append(r.function()).append(" | – | build or run failed: ")
                        .append(shorten(r.failure()).replace('\n', ' ').replace("|", "\\|")).append(" | | | |\n");
            }
            for (Map.Entry<FormKind, Form> e : r.forms().entrySet()) {
                Form f = e.getValue();
                Stats s = r.cold().get(e.getKey());
                md.append("| ").append(r.function()).append(" | ").append(f.label()).append(" | ").append(millis(s))
                        .append(" | ").append(rss(s)).append(" | ").append(f.bare() ? "–" : calls(s)).append(" | ")
                        .append(f.bare() ? "–" : answer(s, r.scenario())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String ratioRows(List<Bench.FunctionResult> results) {
        StringBuilder md = new StringBuilder();
        for (Bench.FunctionResult r : results) {
            if (r.failure() != null) {
                continue;
            }
            Stats a = r.cold().get(FormKind.BASELINE);
            Stats b = r.cold().get(FormKind.DEPLOYED);
            Stats c = r.cold().get(FormKind.BARE);
            md.append("| ").append(r.function()).append(" | ").append(ratio(b, a)).append(" | ").append(ratio(b, c))
                    .append(" | ").append(verdict(b, a)).append(" |\n");
        }
        return md.toString();
    }

    private static String variants(List<Bench.FunctionResult> results) {
        StringBuilder md = new StringBuilder();
        for (Bench.FunctionResult r : results) {
            for (Bench.Variant v : r.variants()) {
                md.append("| ").append(r.function()).append(" | ").append(v.name()).append(": ").append(v.scenario().about())
                        .append(" | ").append(millis(v.cold())).append(" | ").append(rss(v.cold())).append(" | ")
                        .append(calls(v.cold())).append(" | ").append(answer(v.cold(), v.scenario())).append(" |\n");
            }
        }
        return md.length() == 0 ? "" : TEMPLATE.fill("variants", Map.of("variantRows", md.toString()));
    }

    private static String levers(Bench.Levers levers) {
        StringBuilder md = new StringBuilder();
        Stats base = levers.cold().get("L0");
        for (Form f : levers.forms()) {
            Stats s = levers.cold().get(f.key());
            md.append("| ").append(f.key()).append(" | ").append(f.label()).append(" | ")
                    .append(f.key().equals("L0") ? "plain jars, stock flags" : f.how()).append(" | ").append(millis(s))
                    .append(" | ").append(ratio(s, base)).append(" | ").append(rss(s)).append(" | ")
                    .append(warmCells(levers.warm().get(f.key()))).append(" |\n");
        }
        return TEMPLATE.fill("levers", Map.of("function", levers.function(),
                "javacDefaultConcat", Builds.JAVAC_DEFAULT_CONCAT, "leverRows", md.toString()));
    }

    private static String warmRows(List<Bench.FunctionResult> results) {
        StringBuilder md = new StringBuilder();
        for (Bench.FunctionResult r : results) {
            int instance = 0;
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
                md.append("| ").append(r.function()).append(" | ").append(label).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", perSecond)).append(" | ").append(ms(l.p50Nanos()))
                        .append(" | ").append(ms(l.p99Nanos())).append(" | ")
                        .append(w.server() == null ? "–" : ms(w.server().p50Nanos()) + " / " + ms(w.server().p99Nanos()))
                        .append(" | ").append(w.server() == null ? "–" : ms(l.p50Nanos() - w.server().p50Nanos()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", l.hwmKb() / 1024.0))
                        .append(w.problem() == null ? "" : " (" + w.problem() + ")").append(" |\n");
            }
        }
        return md.toString();
    }

    /** Each function's own p50 over its warm instances: the median instance's, and the range; empty if none. */
    private static String ownMedians(List<Bench.FunctionResult> results) {
        StringBuilder medians = new StringBuilder();
        for (Bench.FunctionResult r : results) {
            List<Double> own = new ArrayList<>();
            for (Bench.Warm w : r.warm()) {
                if (w.loop() != null && w.loop().count() != 0 && w.server() != null) {
                    own.add((w.loop().p50Nanos() - w.server().p50Nanos()) / 1e6);
                }
            }
            if (!own.isEmpty()) {
                List<Double> sorted = own.stream().sorted().toList();
                medians.append(medians.length() == 0 ? "" : "; ").append(r.function()).append(" ")
                        .append(String.format(Locale.ROOT, "**%.2f** (%.2f–%.2f)", sorted.get(sorted.size() / 2),
                                sorted.get(0), sorted.get(sorted.size() - 1)));
            }
        }
        return medians.toString();
    }

    private String functionDetails(List<Bench.FunctionResult> results) {
        StringBuilder md = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (Bench.FunctionResult r : results) {
            if (r.failure() != null) {
                continue;
            }
            StringBuilder forms = new StringBuilder();
            for (Form f : r.forms().values()) {
                if (f.bare() && !seen.add("bare")) {
                    continue;
                }
                forms.append("- ").append(f.label()).append(": ").append(shorten(f.how())).append("  \n  flags `")
                        .append(shorten(f.flagsText())).append("`").append(f.bare() ? "" : "  \n  class path `"
                                + shorten(String.join(":", f.classpath())) + "`").append("\n");
            }
            StringBuilder notes = new StringBuilder();
            r.notes().forEach(note -> notes.append("- ").append(shorten(note)).append("\n"));
            md.append(TEMPLATE.fill("function", Map.of("function", r.function(), "handler", r.handler(),
                    "about", r.scenario().about(), "fallback", r.scenario().fromFile() ? "" : TEMPLATE.text("noScenario"),
                    "forms", forms.toString(), "notes", notes.toString())));
        }
        return md.toString();
    }

    private String leverNotes(Bench.Levers levers) {
        StringBuilder md = new StringBuilder();
        levers.notes().forEach(note -> md.append("- levers: ").append(shorten(note)).append("\n"));
        return md.append("\n").toString();
    }

    private String failedRuns(List<Bench.FunctionResult> results) {
        List<String> problems = new ArrayList<>();
        for (Bench.FunctionResult r : results) {
            for (Map.Entry<FormKind, Stats> e : r.cold().entrySet()) {
                for (String p : e.getValue().problems()) {
                    problems.add(r.function() + " " + e.getKey().key() + ": " + p);
                }
            }
        }
        if (problems.isEmpty()) {
            return "";
        }
        StringBuilder items = new StringBuilder();
        problems.stream().distinct().forEach(p -> items.append("- ").append(shorten(p)).append("\n"));
        return TEMPLATE.fill("failedRuns", Map.of("problems", items.toString()));
    }

    private String shorten(String s) {
        String home = System.getProperty("user.home");
        return s.replace(options.work().toString(), "$WORK").replace(options.repo().toString(), ".").replace(home, "~");
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
        boolean fast = x.medianMillis() < TARGET_MS;
        boolean ratio = x.medianMillis() <= TARGET_RATIO * a.medianMillis();
        boolean small = x.maxRssMb() < TARGET_RSS_MB;
        if (fast && ratio && small) {
            return "yes";
        }
        List<String> missed = new ArrayList<>();
        if (!fast) {
            missed.add("≥ " + TARGET_MS + " ms");
        }
        if (!ratio) {
            missed.add(String.format(Locale.ROOT, "> %.2f × a", TARGET_RATIO));
        }
        if (!small) {
            missed.add("RSS ≥ " + TARGET_RSS_MB + " MB");
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
