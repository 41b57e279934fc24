package dev.ocifn.jdkhttp;

import java.net.HttpURLConnection;

/**
 * How a request body goes out on an {@link HttpURLConnection}, for the SDK's requests and for
 * anyone else's (model-proxy-fn's predict call). A body of up to {@link #WITH_HEADERS_MAX} bytes is
 * buffered and goes out in the same write as the headers: HttpURLConnection leaves Nagle's
 * algorithm on, and a small body sent in a write of its own waits for the server's delayed
 * acknowledgement of the headers (about 1 ms a call on loopback). A larger body is streamed,
 * never held whole once more: with its length, or chunked when the length is unknown.
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
