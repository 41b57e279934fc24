package dev.ocifn.modelproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Reads the model's answer up to a limit and gives up beyond it, so that an answer larger than a
 * function may return never sits whole in memory, and gives up at the predict deadline: each read
 * is bounded by the socket's read timeout, and the deadline is checked between reads, so a
 * deployment that trickles bytes cannot hold the function past it.
 */
final class BoundedBody {
    /** The answer is larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("response body over " + limit + " bytes", null);
        }
    }

    private BoundedBody() {
    }

    /**
     * The whole body, or {@link TooLarge} (a declared longer length fails before anything is read),
     * or {@link SocketTimeoutException} once {@code deadlineNanos} ({@link System#nanoTime()}) has passed.
     */
    static byte[] read(InputStream in, long declaredLength, long limit, long deadlineNanos) throws IOException {
        if (declaredLength > limit) {
            throw new TooLarge(limit);
        }
        ByteArrayOutputStream collected = new ByteArrayOutputStream(
                (int) Math.min(limit, declaredLength >= 0 ? declaredLength : 8192));
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (collected.size() + (long) n > limit) {
                throw new TooLarge(limit);
            }
            collected.write(chunk, 0, n);
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new SocketTimeoutException("the answer was not complete by the predict deadline");
            }
        }
        return collected.toByteArray();
    }
}
