package dev.ocifn.jdkhttp;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK's default TLS context: its TLS provider and the CA certificates of the JDK's trust
 * store, about a sixth of a function's cold start. Every https connection without an SSL context
 * of its own takes it on its first request. It is made once per JVM on a daemon thread
 * as soon as the first SDK client is built, or sooner when a caller asks (fn-support's WarmUp,
 * when a function is built; any other JDK client gets the same context), so
 * that it overlaps what comes before the first request (reading it, the resource principal,
 * JSON, signing). The expensive part is class initialisation, which the JVM runs once: a request
 * that comes sooner waits for it rather than doing it again. With one CPU it is the same work in
 * another order.
 */
public final class DefaultTlsContext {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DefaultTlsContext() {
    }

    public static void prepareInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(DefaultTlsContext::prepare, "jdk-http-tls-context");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void prepare() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // The first request's own SSLContext.getDefault() meets the same failure and reports it.
        }
    }
}
