package dev.ocifn.deploy;

import com.fnproject.fn.runtime.EntryPoint;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a function the way the Fn Java runtime does, in a fresh JVM, outside Fn: the real
 * {@code EntryPoint.run} with the function's environment (its configuration), fed one invocation
 * as Fn's agent sends it (an HTTP request with the Fn headers) through {@link FnHttpCodec}.
 * <p>
 * Usage: {@code OneShot <Class::method> <request file> <response file> [<warm-up> <count>]}.
 * When the first response is complete it prints {@code BENCH-RESPONSE} on standard output (the
 * harness takes that line's arrival as the end of the cold start), then {@code BENCH-MEMORY
 * hwm_kb=.. rss_kb=..}: the peak and current resident set at that moment. With a
 * warm-up and a count it then serves that many more invocations and prints their latencies.
 * Like EntryPoint.main, the function's own standard output goes to standard error.
 */
public final class OneShot {
    private OneShot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 5) {
            System.err.println("usage: OneShot <Class::method> <request file> <response file> [<warm-up> <count>]");
            System.exit(2);
        }
        PrintStream marker = System.out;
        System.setOut(System.err);
        byte[] request = Files.readAllBytes(Path.of(args[1]));
        Path responseFile = Path.of(args[2]);
        int warmup = args.length == 5 ? Integer.parseInt(args[3]) : 0;
        int count = args.length == 5 ? Integer.parseInt(args[4]) : 0;
        long[] nanos = new long[count];

        FnHttpCodec codec = new FnHttpCodec(request, 1 + warmup + count, (index, response, took) -> {
            if (index == 0) {
                write(responseFile, response);
                marker.println("BENCH-RESPONSE");
                marker.flush();
                marker.println("BENCH-MEMORY " + ProcStatus.memory());
                marker.flush();
            } else if (index > warmup) {
                nanos[index - warmup - 1] = took;
                if (index == warmup + count) {
                    write(Path.of(responseFile + ".last"), response);
                }
            }
        });
        long start = System.nanoTime();
        int status = new EntryPoint().run(System.getenv(), codec, System.err, args[0]);
        if (count > 0) {
            long total = System.nanoTime() - start;
            Arrays.sort(nanos);
            long sum = Arrays.stream(nanos).sum();
            marker.println("BENCH-LOOP count=" + count + " sum_ns=" + sum + " p50_ns=" + percentile(nanos, 50)
                    + " p90_ns=" + percentile(nanos, 90) + " p99_ns=" + percentile(nanos, 99) + " max_ns=" + nanos[count - 1]
                    + " wall_ns=" + total + " " + ProcStatus.memory());
            marker.flush();
        }
        System.exit(status);
    }

    public static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
