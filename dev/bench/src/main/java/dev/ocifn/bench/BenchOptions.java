package dev.ocifn.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run measures, from dev/bench/run.sh's options:
 * {@code --functions a,b} (default: every folder with func.yaml and src/main/java),
 * {@code --runs 7}, {@code --warmup 500}, {@code --warm 2000} (timed warm invocations),
 * {@code --warm-instances 3} (fresh instances measured warm, one after another),
 * {@code --memory 128} (MB, as func.yaml's memory), {@code --levers usage-fn} (or none),
 * {@code --out docs/BENCHMARKS.md} (relative to the repository), {@code --online} (let Maven
 * download), {@code --repo .}.
 *
 * @param functions    the function folders to measure; empty: every one found
 * @param leverFunction the function whose levers are measured; none matches "none"
 * @param arguments    the options as given, quoted in the report
 */
record BenchOptions(Path repo, List<String> functions, int runs, int warmup, int warmCount, int warmInstances,
                    int memory, String leverFunction, Path out, boolean offline, String arguments) {

    private static final List<String> NAMES = List.of("functions", "runs", "warmup", "warm", "warm-instances", "memory",
            "levers", "out", "online", "repo");

    static BenchOptions parse(String... args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; the options are --"
                        + String.join(", --", NAMES));
            }
            if (name.equals("online")) {
                opt.put(name, "true");
            } else if (i + 1 < args.length) {
                opt.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        Path repo = Path.of(opt.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        List<String> functions = opt.containsKey("functions") ? List.of(opt.get("functions").split(",")) : List.of();
        return new BenchOptions(repo, functions, number(opt, "runs", 7), number(opt, "warmup", 500),
                number(opt, "warm", 2000), number(opt, "warm-instances", 3), number(opt, "memory", 128),
                opt.getOrDefault("levers", "usage-fn"), repo.resolve(opt.getOrDefault("out", "docs/BENCHMARKS.md")),
                !opt.containsKey("online"), String.join(" ", args));
    }

    private static int number(Map<String, String> opt, String name, int otherwise) {
        String value = opt.get(name);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not " + value, e);
        }
    }

    /** Where the forms are built and started: outside the working tree's sources. */
    Path work() {
        return repo.resolve("dev/bench/target/bench-work");
    }

    boolean leversOn(String function) {
        return function.equals(leverFunction);
    }

    /** The options as the report quotes them after the command: empty, or a space and the options. */
    String quoted() {
        return arguments.isEmpty() ? "" : " " + arguments;
    }
}
