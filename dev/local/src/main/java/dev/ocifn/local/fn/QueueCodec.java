package dev.ocifn.local.fn;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.runtime.EventCodec;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The FDK's event loop fed from a queue instead of Fn's HTTP-over-unix-socket connection (whose
 * native library only the Fn Docker image carries). Everything past the codec is the real
 * runtime: function loading, configuration, coercions and the HTTP gateway context.
 * Loaded by the host's class loader and shared with each function's, like FnTestingRule's codec.
 */
public final class QueueCodec implements EventCodec {
    /** One invocation waiting for the function. */
    public record Call(InputEvent event, CompletableFuture<OutputEvent> result) {
    }

    private static final Call STOP = new Call(null, null);
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

    public CompletableFuture<OutputEvent> submit(InputEvent event) {
        CompletableFuture<OutputEvent> result = new CompletableFuture<>();
        calls.add(new Call(event, result));
        return result;
    }

    public void stop() {
        calls.add(STOP);
    }

    @Override
    public void runCodec(Handler handler) {
        while (true) {
            Call call;
            try {
                call = calls.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (call == STOP) {
                return;
            }
            try {
                call.result().complete(handler.handle(call.event()));
            } catch (RuntimeException e) {
                call.result().completeExceptionally(e);
            }
        }
    }
}
