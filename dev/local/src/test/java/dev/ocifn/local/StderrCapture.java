package dev.ocifn.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps what the process writes to standard error, where the functions log as they do in a
 * container, and still writes it through; {@link #close()} puts the original stream back.
 */
final class StderrCapture implements AutoCloseable {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final PrintStream original = System.err;
    /** The stream the stack's own log should go to as well, so that it is kept too. */
    final PrintStream stream = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            synchronized (kept) {
                kept.write(b);
            }
            original.write(b);
        }
    }, true, StandardCharsets.UTF_8);

    private StderrCapture() {
    }

    static StderrCapture start() {
        StderrCapture capture = new StderrCapture();
        System.setErr(capture.stream);
        return capture;
    }

    String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
