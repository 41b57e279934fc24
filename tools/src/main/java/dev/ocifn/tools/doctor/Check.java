package dev.ocifn.tools.doctor;

/**
 * One line of the doctor's report: what was checked, how it ended, what was found and, for a
 * failure, what to do about it.
 */
public record Check(String name, Status status, String cause, String fix) {
    public enum Status { PASS, FAIL, SKIP }

    public static Check pass(String name, String found) {
        return new Check(name, Status.PASS, found, "");
    }

    public static Check fail(String name, String cause, String fix) {
        return new Check(name, Status.FAIL, cause, fix);
    }

    public static Check skip(String name, String why) {
        return new Check(name, Status.SKIP, why, "");
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** {@code FAIL usage-fn        cause Fix: fix}, on one line. */
    public String line() {
        return String.format("%-4s %-17s %s%s", status, name, cause, fix.isEmpty() ? "" : " Fix: " + fix);
    }
}
