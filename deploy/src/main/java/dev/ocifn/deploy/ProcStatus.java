package dev.ocifn.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as Linux counts it: VmHWM is the peak resident set, VmRSS the current one. */
final class ProcStatus {
    private ProcStatus() {
    }

    /** "hwm_kb=... rss_kb=..." for the marker line; -1 where /proc is not there. */
    static String memory() {
        long hwm = -1;
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                }
            }
        } catch (IOException e) {
            // not Linux: no numbers
        }
        return "hwm_kb=" + hwm + " rss_kb=" + rss;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
