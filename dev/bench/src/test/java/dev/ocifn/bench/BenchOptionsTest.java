package dev.ocifn.bench;

import org.junit.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class BenchOptionsTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    @Test
    public void withoutOptionsEveryFunctionIsMeasuredAsDocumented() {
        BenchOptions o = BenchOptions.parse("--repo", REPO.toString());
        assertEquals(List.of(), o.functions());
        assertEquals(7, o.runs());
        assertEquals(500, o.warmup());
        assertEquals(2000, o.warmCount());
        assertEquals(3, o.warmInstances());
        assertEquals(128, o.memory());
        assertTrue(o.leversOn("usage-fn"));
        assertEquals(REPO.resolve("docs/BENCHMARKS.md"), o.out());
        assertTrue(o.offline());
        assertEquals(REPO.resolve("dev/bench/target/bench-work"), o.work());
    }

    @Test
    public void everyOptionIsRead() {
        BenchOptions o = BenchOptions.parse("--functions", "usage-fn,search-fn", "--runs", "1", "--warmup", "50", "--warm", "100",
                "--warm-instances", "2", "--memory", "256", "--levers", "none", "--out", "/tmp/b.md", "--online");
        assertEquals(List.of("usage-fn", "search-fn"), o.functions());
        assertEquals(List.of(1, 50, 100, 2, 256), List.of(o.runs(), o.warmup(), o.warmCount(), o.warmInstances(), o.memory()));
        assertFalse(o.leversOn("usage-fn"));
        assertEquals(Path.of("/tmp/b.md"), o.out());
        assertFalse(o.offline());
        assertEquals(" --functions usage-fn,search-fn --runs 1", o.quoted().substring(0, 40));
    }

    @Test
    public void aMistakenOptionIsRefusedWithTheOptionsThereAre() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("--warm-instance", "3"));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("unexpected argument --warm-instance; the options are"));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("--warm-instances"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("usage-fn"));
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs"));
        assertEquals("--runs needs a value", noValue.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("--runs", "seven"));
        assertEquals("--runs takes a whole number, not seven", notANumber.getMessage());
    }

    /** The commands the docs and scripts show, as written (up to a comment or a closing backtick). */
    @Test
    public void everyDocumentedCommandIsAccepted() throws IOException {
        Pattern command = Pattern.compile("dev/bench/run\\.sh((?: +--?[\\w-]+(?: +[\\w,./-]+)?)*)");
        List<String> found = new ArrayList<>();
        for (Path file : documents()) {
            Matcher m = command.matcher(Files.readString(file));
            while (m.find()) {
                String options = m.group(1).strip();
                found.add(options);
                BenchOptions.parse(options.isEmpty() ? new String[0] : options.split(" +"));
            }
        }
        assertTrue(found.toString(), found.contains("--runs 9 --warmup 1000 --warm 2000 --warm-instances 3 --levers usage-fn --memory 128"));
        assertTrue(found.toString(), found.contains("--levers none"));
    }

    /** The repository's Markdown files and shell scripts, build output left out. */
    private static List<Path> documents() throws IOException {
        try (Stream<Path> files = Files.walk(REPO)) {
            return files.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".sh"))
                    .filter(p -> !REPO.relativize(p).toString().matches("(.*/)?(target|node_modules|\\.[^/]+)/.*"))
                    .sorted().toList();
        }
    }
}
