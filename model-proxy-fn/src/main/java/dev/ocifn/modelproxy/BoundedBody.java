package dev.ocifn.modelproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Collects the model's answer up to a limit and gives up beyond it, so that an answer larger
 * than a function may return never sits whole in memory.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The answer is larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("response body over " + limit + " bytes", null);
        }
    }

    private final long limit;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private BoundedBody(long limit) {
        this.limit = limit;
    }

    /**
     * A body handler whose bodies stop at {@code limit} bytes (a declared longer length fails at
     * once) and fail with a {@link java.util.concurrent.TimeoutException} if they are not complete
     * by {@code deadlineNanos} ({@link System#nanoTime()}); either way the exchange is cancelled.
     */
    static HttpResponse.BodyHandler<byte[]> handler(long limit, long deadlineNanos) {
        return info -> {
            BoundedBody body = new BoundedBody(limit);
            OptionalLong declared = info.headers().firstValueAsLong("content-length");
            if (declared.isPresent() && declared.getAsLong() > limit) {
                body.result.completeExceptionally(new TooLarge(limit));
            }
            // orTimeout's timer is one JVM-wide thread; no thread per request.
            body.result.orTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .whenComplete((bytes, failure) -> {
                        if (failure != null) {
                            body.cancel();
                        }
                    });
            return body;
        };
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (collected.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            collected.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(collected.toByteArray());
    }
}
