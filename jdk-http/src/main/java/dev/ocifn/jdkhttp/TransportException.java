package dev.ocifn.jdkhttp;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * A request that got no (complete) answer: connection refused or reset, TLS failure, timeout.
 * The SDK recognises it as a processing exception and turns it into a client-side BmcException
 * with this as its cause.
 * <p>
 * A read timeout ends in a {@link SocketTimeoutException} as the root cause, as it does with the
 * SDK's Jersey client, so code that tells a timeout (504) from an unreachable service (502) by
 * the root cause keeps working. A connect timeout keeps the JDK's HttpConnectTimeoutException:
 * the service could not be reached. A refused connection ends in a {@link ConnectException}.
 */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps what sending or reading failed with; the JDK's exception stays reachable as a suppressed one. */
    static TransportException of(String what, Throwable failure) {
        if (failure instanceof TransportException) {
            return (TransportException) failure;
        }
        if (failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)) {
            SocketTimeoutException timeout = new SocketTimeoutException("Read timed out (" + failure.getMessage() + ")");
            timeout.addSuppressed(failure);
            return new TransportException(what + ": read timed out", timeout);
        }
        if (failure instanceof ConnectException && failure.getCause() != null) {
            // The JDK hangs a ClosedChannelException under "connection refused"; the root should say refused.
            ConnectException refused = new ConnectException(failure.getMessage() == null ? "Connection refused" : failure.getMessage());
            refused.addSuppressed(failure);
            return new TransportException(what + ": " + refused.getMessage(), refused);
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new TransportException(what + ": " + detail, failure);
    }
}
