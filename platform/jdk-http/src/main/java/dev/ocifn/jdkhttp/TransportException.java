package dev.ocifn.jdkhttp;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

/**
 * A request that got no (complete) answer: connection refused or reset, TLS failure, timeout.
 * The SDK recognises it as a processing exception and turns it into a client-side BmcException
 * with this as its cause.
 * <p>
 * A read timeout ends in a {@link SocketTimeoutException} as the root cause, as it does with the
 * SDK's Jersey client, so code that tells a timeout (504) from an unreachable service (502) by
 * the root cause keeps working. A connect timeout, which the JDK also reports as a
 * SocketTimeoutException, ends in a {@link ConnectException} instead: the service could not be
 * reached. A refused connection ends in a ConnectException too.
 */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps what sending or reading failed with. */
    static TransportException of(String what, Throwable failure) {
        if (failure instanceof TransportException) {
            return (TransportException) failure;
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new TransportException(what + ": " + detail, failure);
    }

    /** The connection was not made in time; the JDK's exception stays reachable as a suppressed one. */
    static TransportException connectTimeout(String what, long millis, SocketTimeoutException failure) {
        ConnectException unreachable = new ConnectException("connect timed out after " + millis + " ms");
        unreachable.addSuppressed(failure);
        return new TransportException(what + ": " + unreachable.getMessage(), unreachable);
    }
}
