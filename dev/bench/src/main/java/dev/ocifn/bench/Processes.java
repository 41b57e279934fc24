package dev.ocifn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Build steps run as child processes, their output appended to a log the report points at. */
final class Processes {
    private Processes() {
    }

    static void run(List<String> command, Path dir, Map<String, String> env, Path log, String what) throws Exception {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n$ (cd " + dir + " && " + String.join(" ", command) + ")\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not finish in 20 minutes (log: " + log + ")");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit " + p.exitValue() + "; log: " + log + "\n"
                    + tail(log));
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
