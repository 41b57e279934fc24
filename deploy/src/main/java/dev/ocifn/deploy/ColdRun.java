package dev.ocifn.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cold start: a fresh JVM in the given form, one invocation, the local OCI server behind it.
 * Time runs from just before the process is started until the launcher's line saying the response
 * is complete arrives (not until the process exits, which can come later: a java.net.http client's selector
 * thread delays it). Peak RSS is the child's VmHWM read at that moment.
 */
public final class ColdRun {
    /** What one run gave; {@code problem} is null when the answer was the one expected. */
    public record Sample(double millis, long hwmKb, int gatewayStatus, int ociCalls, String problem, FnResponse response) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** A warm instance's own latencies and the memory after them. */
    public record Loop(int count, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos, long sumNanos, long wallNanos,
                long hwmKb, Sample first) {
    }

    private final Path java;
    private final Path launcherJar;
    private final Path workDir;
    private final int memoryMb;

    public ColdRun(Path java, Path launcherJar, Path workDir, int memoryMb) {
        this.java = java;
        this.launcherJar = launcherJar;
        this.workDir = workDir;
        this.memoryMb = memoryMb;
    }

    /**
     * -XX:MaxRAM stands in for the container's memory limit: the JVM sizes its heap from it as it
     * would from a 128 MB cgroup (Fn's memory setting), not from this machine's memory.
     */
    public List<String> containerFlags() {
        return List.of("-XX:MaxRAM=" + memoryMb + "m");
    }

    public Sample once(Form form, ScenarioOci oci, List<String> extraFlags) throws Exception {
        return launch(form, oci, extraFlags, List.of()).first();
    }

    public Loop loop(Form form, ScenarioOci oci, int warmup, int count) throws Exception {
        return launch(form, oci, List.of(), List.of(String.valueOf(warmup), String.valueOf(count)));
    }

    private Loop launch(Form form, ScenarioOci oci, List<String> extraFlags, List<String> loopArgs) throws Exception {
        Files.createDirectories(workDir);
        Path request = workDir.resolve("request.http");
        Path response = workDir.resolve("response.http");
        Files.deleteIfExists(response);
        Scenario scenario = oci == null ? null : oci.scenario();
        if (!form.bare()) {
            Files.write(request, FnRequest.bytes(scenario.request()));
            oci.reset();
        }
        List<String> flags = new ArrayList<>(containerFlags());
        flags.addAll(extraFlags);
        List<String> tail = new ArrayList<>(List.of(request.toString(), response.toString()));
        tail.addAll(loopArgs);
        ProcessBuilder pb = new ProcessBuilder(form.command(java, launcherJar, flags, tail)).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(form.bare() ? Map.of("PATH", "/usr/bin:/bin")
                : oci.environment(scenario.function(), memoryMb));
        Path log = workDir.resolve("child.log");
        pb.redirectError(ProcessBuilder.Redirect.to(log.toFile()));

        long start = System.nanoTime();
        Process p = pb.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(180, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        long responded = -1;
        long hwm = -1;
        String loopLine = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("BENCH-RESPONSE") && responded < 0) {
                    responded = System.nanoTime();
                } else if (line.startsWith("BENCH-MEMORY ") && hwm < 0) {
                    hwm = field(line, "hwm_kb");
                } else if (line.startsWith("BENCH-LOOP ")) {
                    loopLine = line;
                }
            }
        }
        int exit = p.waitFor();
        watchdog.interrupt();
        Sample first = sample(form, oci, scenario, start, responded, hwm, exit, response, log, !loopArgs.isEmpty());
        if (loopLine == null) {
            return new Loop(0, 0, 0, 0, 0, 0, 0, hwm, first);
        }
        return new Loop((int) field(loopLine, "count"), field(loopLine, "p50_ns"), field(loopLine, "p90_ns"),
                field(loopLine, "p99_ns"), field(loopLine, "max_ns"), field(loopLine, "sum_ns"), field(loopLine, "wall_ns"),
                field(loopLine, "hwm_kb"), first);
    }

    /** In a loop the server has seen every invocation's calls by now; {@link Bench} checks those. */
    private Sample sample(Form form, ScenarioOci oci, Scenario scenario, long start, long responded, long hwm, int exit,
                          Path response, Path log, boolean loop) throws IOException {
        double millis = responded < 0 ? -1 : (responded - start) / 1e6;
        if (responded < 0) {
            return new Sample(millis, hwm, -1, -1, "no response (exit " + exit + "); " + lastLines(log), null);
        }
        if (form.bare()) {
            return new Sample(millis, hwm, 0, 0, null, null);
        }
        FnResponse answer = FnResponse.parse(Files.readAllBytes(response));
        int calls = oci.verifiedCalls();
        String problem = null;
        if (answer.fdkStatus() != 200) {
            problem = "the FDK answered " + answer.fdkStatus() + ": " + answer.bodyText();
        } else if (scenario.expectStatus() > 0 && answer.gatewayStatus() != scenario.expectStatus()) {
            problem = "status " + answer.gatewayStatus() + " instead of " + scenario.expectStatus() + ": "
                    + abbreviate(answer.bodyText());
        } else if (!loop && scenario.expectOciCalls() >= 0 && calls != scenario.expectOciCalls()) {
            problem = calls + " verified OCI calls instead of " + scenario.expectOciCalls() + "; rejected: " + oci.rejections();
        }
        return new Sample(millis, hwm, answer.gatewayStatus(), calls, problem, answer);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String lastLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    public static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return -1;
    }
}
