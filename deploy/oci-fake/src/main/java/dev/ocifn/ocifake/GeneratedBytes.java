package dev.ocifn.ocifake;

import java.io.InputStream;
import java.util.Random;

/**
 * Deterministic bytes of any length, generated as they are read, so that a test can send or
 * compare hundreds of megabytes without holding them: the same size, seed and prefix give the
 * same bytes.
 */
public final class GeneratedBytes {
    private GeneratedBytes() {
    }

    /** {@code prefix} (e.g. a file signature) first, then pseudo-random bytes, {@code size} in all. */
    public static InputStream stream(long size, long seed, byte[] prefix) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - at);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                for (int i = 0; i < n; i++) {
                    b[off + i] = at + i < prefix.length ? prefix[(int) (at + i)] : chunk[i];
                }
                at += n;
                return n;
            }
        };
    }
}
