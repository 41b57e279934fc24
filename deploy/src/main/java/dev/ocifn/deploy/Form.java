package dev.ocifn.deploy;

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
public record Form(String key, String label, String how, List<String> flags, List<String> classpath, String handler) {

    public static final String LAUNCHER = OneShot.class.getName();

    /** The command for one invocation ({@code tail}: request file, response file[, warm-up, count]). */
    public List<String> command(Path java, Path launcherJar, List<String> extraFlags, List<String> tail) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(flags);
        cmd.addAll(extraFlags);
        cmd.add("-cp");
        List<String> cp = new ArrayList<>(classpath);
        cp.add(launcherJar.toString());
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

    public boolean bare() {
        return handler == null;
    }

    public Form named(String newKey, String newLabel, String newHow) {
        return new Form(newKey, newLabel, newHow, flags, classpath, handler);
    }

    public Form withoutFlags(Predicate<String> drop) {
        List<String> kept = new ArrayList<>();
        for (String f : flags) {
            if (!drop.test(f)) {
                kept.add(f);
            }
        }
        return new Form(key, label, how, kept, classpath, handler);
    }

    /** The same form with one more flag, before the class path. */
    public Form withFlag(String flag) {
        List<String> more = new ArrayList<>(flags);
        more.add(flag);
        return new Form(key, label, how, more, classpath, handler);
    }

    /** The archive this form maps, if it names one. */
    public String sharedArchive() {
        for (String f : flags) {
            if (f.startsWith("-XX:SharedArchiveFile=")) {
                return f.substring("-XX:SharedArchiveFile=".length());
            }
        }
        return null;
    }

    public String flagsText() {
        return String.join(" ", flags);
    }
}
