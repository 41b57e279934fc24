package dev.ocifn.bench;

/**
 * The three forms every function is started in, side by side. The key is the form's
 * {@link dev.ocifn.deploy.Form#key()} (it names the form in the log and in the report's prose), the
 * label names it in the report's tables.
 */
enum FormKind {
    /** Built as Oracle's function samples build: function jar and copied dependency jars, stock flags. */
    BASELINE("a", "baseline"),
    /** Built by the function's own func.yaml and Dockerfile, as {@code fn deploy} builds it. */
    DEPLOYED("b", "deployed"),
    /** A JVM that starts and prints one line: the machine's yardstick. */
    BARE("c", "bare JVM");

    private final String key;
    private final String name;

    FormKind(String key, String name) {
        this.key = key;
        this.name = name;
    }

    String key() {
        return key;
    }

    /** E.g. "baseline (a)". */
    String label() {
        return name + " (" + key + ")";
    }
}
