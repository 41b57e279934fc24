package dev.ocifn.jdkhttp;

import java.net.HttpURLConnection;

/**
 * Where a request body stops going out in the same write as the headers: up to
 * {@link #WITH_HEADERS_MAX} bytes it is buffered and written with them (a small body sent in a
 * write of its own can wait for the server's delayed acknowledgement of the headers); beyond, it
 * is streamed, never held whole once more. jdk-http's own requests follow this line;
 * {@link #apply} sets up an {@link HttpURLConnection} the same way for code that sends on one
 * (model-proxy-fn's predict call).
 */
public final class BodyMode {
    public static final int WITH_HEADERS_MAX = 64 * 1024;

    private BodyMode() {
    }

    /**
     * Sets up {@code c}, before it connects, for a body of {@code length} bytes (-1: unknown).
     *
     * @return whether the body is streamed (false: it goes out with the headers)
     */
    public static boolean apply(HttpURLConnection c, long length) {
        c.setDoOutput(true);
        if (length >= 0 && length <= WITH_HEADERS_MAX) {
            return false;
        }
        if (length >= 0) {
            c.setFixedLengthStreamingMode(length);
        } else {
            c.setChunkedStreamingMode(WITH_HEADERS_MAX);
        }
        return true;
    }
}
