package dev.ocifn.jdkhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an InputStream with a read timeout: a read that waits longer than the
 * timeout for the next bytes fails with {@link SocketTimeoutException} and closes the exchange,
 * like a socket read timeout. (The JDK's own {@code ofInputStream} waits forever, and the request
 * timeout only covers the wait for the status line.) One chunk is requested at a time, so a slow
 * reader holds back the server instead of filling memory.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final long timeoutMillis;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> chunk;
    private ByteBuffer buffer;
    private boolean needMore;
    private boolean done;

    /** @param timeoutMillis the longest wait for more bytes; 0 waits forever */
    BodyStream(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrived.add(throwable);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("response body closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (buffer != null && buffer.hasRemaining()) {
                int n = Math.min(len, buffer.remaining());
                buffer.get(b, off, n);
                return n;
            }
            if (chunk != null && chunk.hasNext()) {
                buffer = chunk.next();
                continue;
            }
            if (done) {
                return -1;
            }
            if (chunk != null) {
                chunk = null;
                needMore = true;
            }
            next();
        }
    }

    @SuppressWarnings("unchecked")
    private void next() throws IOException {
        if (needMore) {
            needMore = false;
            subscription.request(1);
        }
        Object item;
        try {
            item = timeoutMillis > 0 ? arrived.poll(timeoutMillis, TimeUnit.MILLISECONDS) : arrived.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the response body");
        }
        if (item == null) {
            done = true;
            cancel();
            throw new SocketTimeoutException("Read timed out: no response bytes for " + timeoutMillis + " ms");
        }
        if (item == END) {
            done = true;
        } else if (item instanceof Throwable) {
            done = true;
            Throwable t = (Throwable) item;
            throw t instanceof IOException ? (IOException) t : new IOException("response body failed", t);
        } else {
            chunk = ((List<ByteBuffer>) item).iterator();
        }
    }

    @Override
    public int available() {
        return buffer == null ? 0 : buffer.remaining();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!done) {
                cancel();
            }
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
