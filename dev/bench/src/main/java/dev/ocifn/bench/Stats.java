package dev.ocifn.bench;

import dev.ocifn.deploy.ColdRun;
import java.util.ArrayList;
import java.util.List;

/** Median, min and max of the good samples of one form, and the problems of the others. */
record Stats(String formKey, List<ColdRun.Sample> samples) {
    List<ColdRun.Sample> good() {
        return samples.stream().filter(ColdRun.Sample::ok).toList();
    }

    List<String> problems() {
        List<String> p = new ArrayList<>();
        for (ColdRun.Sample s : samples) {
            if (!s.ok()) {
                p.add(s.problem());
            }
        }
        return p;
    }

    double medianMillis() {
        return median(good().stream().mapToDouble(ColdRun.Sample::millis).sorted().toArray());
    }

    double minMillis() {
        return good().stream().mapToDouble(ColdRun.Sample::millis).min().orElse(Double.NaN);
    }

    double maxMillis() {
        return good().stream().mapToDouble(ColdRun.Sample::millis).max().orElse(Double.NaN);
    }

    double medianRssMb() {
        return median(good().stream().mapToDouble(s -> s.hwmKb() / 1024.0).sorted().toArray());
    }

    double maxRssMb() {
        return good().stream().mapToDouble(s -> s.hwmKb() / 1024.0).max().orElse(Double.NaN);
    }

    int ociCalls() {
        return good().isEmpty() ? -1 : good().get(0).ociCalls();
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
