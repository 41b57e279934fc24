package dev.ocifn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The facts about this machine the report starts with. */
final class Machine {
    private Machine() {
    }

    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    /** The 1, 5 and 15 minute load averages. */
    static String load() {
        List<String> l = lines("/proc/loadavg");
        if (l.isEmpty()) {
            return "unknown";
        }
        String[] f = l.get(0).split(" ");
        return f[0] + " / " + f[1] + " / " + f[2];
    }

    static double load1() {
        List<String> l = lines("/proc/loadavg");
        return l.isEmpty() ? 0 : Double.parseDouble(l.get(0).split(" ")[0]);
    }

    /** The share of all CPUs that was idle over the given time, from /proc/stat; 1 where unknown. */
    static double idleShare(long millis) throws InterruptedException {
        long[] before = cpuTimes();
        Thread.sleep(millis);
        long[] after = cpuTimes();
        if (before == null || after == null) {
            return 1;
        }
        long total = after[0] - before[0];
        return total <= 0 ? 1 : (after[1] - before[1]) / (double) total;
    }

    /** Total and idle (idle + iowait) jiffies of all CPUs. */
    private static long[] cpuTimes() {
        List<String> l = lines("/proc/stat");
        if (l.isEmpty() || !l.get(0).startsWith("cpu ")) {
            return null;
        }
        String[] f = l.get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    /**
     * Waits until other processes leave the CPUs nearly idle (at least {@code share} idle over
     * half a second), at most {@code maxSeconds}. Other engineers build on this machine; their
     * compiles would land in some forms' runs and not in others'. True if it was quiet.
     */
    static boolean waitForQuiet(double share, int maxSeconds) throws InterruptedException {
        long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (idleShare(500) >= share) {
                return true;
            }
        }
        return false;
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    static String os() {
        String pretty = "";
        for (String line : lines("/etc/os-release")) {
            if (line.startsWith("PRETTY_NAME=")) {
                pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", ";
            }
        }
        return pretty + "Linux " + System.getProperty("os.version");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
