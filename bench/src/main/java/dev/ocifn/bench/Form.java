package dev.ocifn.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One way to start a function: JVM flags, the class path (in the image's order) and the handler,
 * as an image's ENTRYPOINT and CMD have them. The harness runs it with the launcher appended to
 * the class path and {@link OneShot} in place of the FDK's EntryPoint (appending keeps an AppCDS
 * archive made for the image's class path valid).
 */
record Form(String key, String label, String how, List<String> flags, List<String> classpath, String handler) {

    static final String LAUNCHER = "dev.ocifn.bench.OneShot";

    /** The command for one invocation ({@code tail}: request file, response file[, warm-up, count]). */
    List<String> command(Path java, Path benchJar, List<String> extraFlags, List<String> tail) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(flags);
        cmd.addAll(extraFlags);
        cmd.add("-cp");
        List<String> cp = new ArrayList<>(classpath);
        cp.add(benchJar.toString());
        cmd.add(String.join(":", cp));
        if (handler == null) {
            cmd.add(Hello.class.getName());
        } else {
            cmd.add(LAUNCHER);
            cmd.add(handler);
            cmd.addAll(tail);
        }
        return cmd;
    }

    boolean bare() {
        return handler == null;
    }

    Form named(String newKey, String newLabel, String newHow) {
        return new Form(newKey, newLabel, newHow, flags, classpath, handler);
    }

    Form withoutFlags(Predicate<String> drop) {
        List<String> kept = new ArrayList<>();
        for (String f : flags) {
            if (!drop.test(f)) {
                kept.add(f);
            }
        }
        return new Form(key, label, how, kept, classpath, handler);
    }

    /** The same form with one more flag, before the class path. */
    Form withFlag(String flag) {
        List<String> more = new ArrayList<>(flags);
        more.add(flag);
        return new Form(key, label, how, more, classpath, handler);
    }

    /** The archive this form maps, if it names one. */
    String sharedArchive() {
        for (String f : flags) {
            if (f.startsWith("-XX:SharedArchiveFile=")) {
                return f.substring("-XX:SharedArchiveFile=".length());
            }
        }
        return null;
    }

    String flagsText() {
        return String.join(" ", flags);
    }
}
