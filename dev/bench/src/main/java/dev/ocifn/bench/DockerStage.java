package dev.ocifn.bench;

import dev.ocifn.deploy.Form;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Carries out what a function's Dockerfile does in its run stage, without Docker: COPY --from the
 * build stage's output, RUN steps (deploy/run-stage.sh: the argument file, the AppCDS dump and
 * the -Xshare:on check), and reads ENTRYPOINT (the JVM flags and class path, from an {@code @file}
 * argument file too) and CMD (the handler). Paths under /function/ land in a local directory whose
 * runtime/ holds the FDK jars, as the Fn runtime image's /function/runtime does. Without an
 * ENTRYPOINT, the stock runtime image's applies ({@link #STOCK_ENTRYPOINT}).
 */
final class DockerStage {
    /**
     * The ENTRYPOINT of fnproject/fn-java-fdk's JRE 17 image, as the Fn CLI's own tests record it
     * (fnproject/cli, javaFdkEntryPoint).
     */
    static final List<String> STOCK_ENTRYPOINT = List.of("/usr/local/openjdk-17/bin/java", "-XX:-UsePerfData",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.awt.headless=true", "-Djava.library.path=/function/runtime/lib",
            "-cp", "/function/app/*:/function/runtime/*:/function/app:/function/app/resources",
            "com.fnproject.fn.runtime.EntryPoint");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Dockerfile split into stages; each stage's instructions with continuations joined. */
    record Dockerfile(List<List<String>> stages) {
        static Dockerfile read(Path file) throws IOException {
            List<List<String>> stages = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("#") || (line.isEmpty() && pending.length() == 0)) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                String instruction = pending.append(line).toString().strip();
                pending.setLength(0);
                if (instruction.isEmpty()) {
                    continue;
                }
                if (instruction.regionMatches(true, 0, "FROM ", 0, 5)) {
                    stages.add(new ArrayList<>());
                }
                if (!stages.isEmpty()) {
                    stages.get(stages.size() - 1).add(instruction);
                }
            }
            return new Dockerfile(stages);
        }

        List<String> finalStage() {
            return stages.get(stages.size() - 1);
        }

        List<String> buildStage() {
            return stages.get(0);
        }
    }

    /**
     * Where a run stage is carried out locally.
     *
     * @param buildWorkdir the build stage's WORKDIR (e.g. /build), whose files are in {@code buildRoot}
     * @param functionRoot the local stand-in for /function (its runtime/ already filled)
     * @param java         the JDK that RUN steps' {@code java} means
     * @param env          the environment of RUN steps
     * @param log          where RUN steps' output is appended
     */
    record Place(String buildWorkdir, Path buildRoot, Path functionRoot, Path java, Map<String, String> env, Path log) {
    }

    private DockerStage() {
    }

    /**
     * Runs the run stage; the form it gives is the image's, unnamed (empty key, label and how):
     * the caller names it ({@link Form#named}).
     */
    static Form runStage(Dockerfile dockerfile, Place place) throws Exception {
        List<String> entrypoint = STOCK_ENTRYPOINT;
        String handler = null;
        for (String instruction : dockerfile.finalStage()) {
            String word = instruction.split("\\s+", 2)[0].toUpperCase();
            String rest = instruction.substring(word.length()).strip();
            switch (word) {
                case "COPY" -> copy(rest, place);
                case "RUN" -> run(rest, place);
                case "ENTRYPOINT" -> entrypoint = execForm(rest, instruction);
                case "CMD" -> handler = execForm(rest, instruction).get(0);
                default -> {
                    // FROM, WORKDIR, ENV, LABEL, USER: nothing to do outside Docker
                }
            }
        }
        if (handler == null) {
            throw new IllegalStateException("the Dockerfile's run stage has no CMD [\"Class::method\"]");
        }
        return fromEntrypoint(entrypoint, place.functionRoot(), handler);
    }

    /** The form an ENTRYPOINT and CMD start, unnamed as {@link #runStage}'s. */
    static Form fromEntrypoint(List<String> entrypoint, Path functionRoot, String handler) throws IOException {
        // The arguments after java, each mapped to the local /function; an argument file's were
        // written by the replayed run stage itself, with local paths already.
        List<String> args = new ArrayList<>();
        for (String arg : entrypoint.subList(1, entrypoint.size())) {
            if (arg.startsWith("@")) {
                args.addAll(argumentFile(Path.of(mapFunction(arg.substring(1), functionRoot))));
            } else if (arg.startsWith("-")) {
                args.add(mapFunction(arg, functionRoot));
            } else if (!args.isEmpty() && List.of("-cp", "-classpath", "--class-path").contains(args.get(args.size() - 1))) {
                List<String> entries = new ArrayList<>();
                for (String entry : arg.split(":")) {
                    entries.add(mapFunction(entry, functionRoot));
                }
                args.add(String.join(":", entries));
            } else {
                args.add(arg);
            }
        }
        List<String> flags = new ArrayList<>();
        List<String> classpath = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                classpath.addAll(List.of(args.get(++i).split(":")));
            } else if (arg.startsWith("-")) {
                flags.add(arg);
            } else {
                break; // the main class; the handler follows as CMD
            }
        }
        return new Form("", "", "", flags, classpath, handler);
    }

    /**
     * The arguments of a {@code java @file}: whitespace-separated, '#' lines comments. Quoting,
     * which the launcher also allows, is refused: run-stage.sh writes none.
     */
    static List<String> argumentFile(Path file) throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.startsWith("#")) {
                continue;
            }
            if (text.contains("\"") || text.contains("'")) {
                throw new IllegalStateException("quoted arguments in " + file + " are not supported here: " + line);
            }
            for (String arg : text.split("\\s+")) {
                if (!arg.isEmpty()) {
                    args.add(arg);
                }
            }
        }
        return args;
    }

    private static List<String> execForm(String json, String instruction) {
        try {
            return Arrays.asList(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("expected the exec form [\"...\"] in: " + instruction, e);
        }
    }

    private static void copy(String rest, Place place) throws IOException {
        String[] parts = rest.split("\\s+");
        if (parts.length != 3 || !parts[0].startsWith("--from=")) {
            throw new IllegalStateException("only COPY --from=<stage> <src> <dest> is supported in the run stage: " + rest);
        }
        Path source = Path.of(mapPrefix(parts[1], place.buildWorkdir(), place.buildRoot()));
        Path target = Path.of(mapFunction(parts[2], place.functionRoot()));
        Files.createDirectories(target);
        try (var files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void run(String rest, Place place) throws Exception {
        Path functionRoot = place.functionRoot();
        Path java = place.java();
        List<String> command = new ArrayList<>();
        if (rest.startsWith("[")) {
            List<String> args = execForm(rest, "RUN " + rest);
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                command.add(i == 0 && (a.equals("java") || a.endsWith("/java")) ? java.toString() : mapFunction(a, functionRoot));
            }
        } else {
            String shell = mapFunction(rest, functionRoot);
            if (shell.startsWith("java ")) {
                shell = java + shell.substring("java".length());
            }
            command.addAll(List.of("/bin/sh", "-c", shell));
        }
        Processes.run(command, functionRoot, place.env(), place.log(), "run-stage RUN " + rest);
    }

    static String mapFunction(String s, Path functionRoot) {
        return mapPrefix(s, "/function", functionRoot);
    }

    private static String mapPrefix(String s, String prefix, Path local) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return s.replace(p + "/", local + "/").replaceAll(Pattern.quote(p) + "$", local.toString());
    }
}
