package dev.ocifn.support;

import dev.ocifn.jdkhttp.DefaultTlsContext;

import java.util.List;

/**
 * Starts, when a function is built (on its first call), the work that call needs whatever it
 * says: the JDK's TLS context (its CA certificates, {@link DefaultTlsContext}) on one daemon
 * thread, the function's principal and SDK client on another. That overlaps the work the call
 * does before it needs them (reading and checking the request) and each other. Each part is a
 * {@link Lazy}, so a call that needs a part sooner waits for it rather than building it again,
 * and a configuration error is kept and answered by every call exactly as without the warm-up.
 * Measured: docs/performance.md.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /** Parts only build: none may call OCI, which only a call may make happen. */
    public static void start(String functionName, Lazy<?>... parts) {
        List<Lazy<?>> list = List.of(parts);
        DefaultTlsContext.prepareInBackground();
        Thread thread = new Thread(() -> list.forEach(WarmUp::build), functionName + "-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void build(Lazy<?> part) {
        try {
            part.get();
        } catch (RuntimeException e) {
            // Kept by the Lazy (a configuration error), or met again by the call, which answers it.
        }
    }
}
