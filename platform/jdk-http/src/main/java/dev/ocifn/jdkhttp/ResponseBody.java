package dev.ocifn.jdkhttp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.function.Consumer;

/**
 * A response body as its frame delimits it. Reading to the frame's end reports the connection
 * reusable (when the answer allowed it); closing before the end, an I/O error or a frame the
 * connection ended early report it to be closed. A connection that ends before the frame does
 * is an {@link EOFException} for the reader, as with the SDK's Jersey provider.
 */
abstract class ResponseBody extends InputStream {
    final InputStream in;
    private final Consumer<Boolean> done;
    private boolean finished;

    ResponseBody(InputStream in, Consumer<Boolean> done) {
        this.in = in;
        this.done = done;
    }

    final void finish(boolean reusable) {
        if (!finished) {
            finished = true;
            done.accept(reusable);
        }
    }

    final boolean finished() {
        return finished;
    }

    /** Marks the connection for closing, then rethrows. */
    final IOException failed(IOException e) {
        finish(false);
        return e;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Before the end: the connection is closed (what is left is not read). */
    @Override
    public void close() {
        finish(false);
    }

    /** {@code Content-Length} bytes. */
    static final class Fixed extends ResponseBody {
        private final long length;
        private final boolean keepAlive;
        private long left;

        Fixed(InputStream in, long length, boolean keepAlive, Consumer<Boolean> done) {
            super(in, done);
            this.length = length;
            this.left = length;
            this.keepAlive = keepAlive;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0 || finished()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, left));
            } catch (IOException e) {
                throw failed(e);
            }
            if (n < 0) {
                throw failed(new EOFException("the connection closed after " + (length - left) + " of " + length + " bytes"));
            }
            left -= n;
            if (left == 0) {
                finish(keepAlive);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return finished() ? 0 : (int) Math.min(in.available(), left);
        }
    }

    /** {@code Transfer-Encoding: chunked}. */
    static final class Chunked extends ResponseBody {
        private final boolean keepAlive;
        private long chunkLeft;
        private boolean last;

        Chunked(InputStream in, boolean keepAlive, Consumer<Boolean> done) {
            super(in, done);
            this.keepAlive = keepAlive;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (last || finished()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                if (chunkLeft == 0) {
                    chunkLeft = nextChunkSize();
                    if (chunkLeft == 0) {
                        while (!requireLine().isEmpty()) {
                            // trailers: none the SDK reads
                        }
                        last = true;
                        finish(keepAlive);
                        return -1;
                    }
                }
                int n = in.read(b, off, (int) Math.min(len, chunkLeft));
                if (n < 0) {
                    throw new EOFException("the connection closed in the middle of a chunk");
                }
                chunkLeft -= n;
                if (chunkLeft == 0 && !requireLine().isEmpty()) {
                    throw new ProtocolException("a chunk longer than its size");
                }
                return n;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private long nextChunkSize() throws IOException {
            String line = requireLine();
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new ProtocolException("malformed chunk size: " + hex);
            }
        }

        private String requireLine() throws IOException {
            String line = Http1Response.line(in);
            if (line == null) {
                throw new EOFException("the connection closed before the last chunk");
            }
            return line;
        }
    }

    /** No frame: the body ends when the server closes the connection, which is then not reused. */
    static final class UntilClose extends ResponseBody {
        UntilClose(InputStream in, Consumer<Boolean> done) {
            super(in, done);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished()) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
            if (n < 0) {
                finish(false);
            }
            return n;
        }
    }
}
