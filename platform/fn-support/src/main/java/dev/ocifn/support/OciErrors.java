package dev.ocifn.support;

import com.oracle.bmc.model.BmcException;

import java.net.SocketTimeoutException;
import java.util.Map;

/** Turns what the OCI SDK throws into the answer the caller gets. */
public final class OciErrors {
    private OciErrors() {
    }

    public static FnError toFnError(BmcException e) {
        // The SDK marks every transport failure as a timeout, so the cause decides between 504 and 502.
        if (rootCause(e) instanceof SocketTimeoutException) {
            return new FnError(504, "GatewayTimeout", "OCI did not answer in time", e.getOpcRequestId(), Map.of());
        }
        if (e.isClientSide() || e.getStatusCode() <= 0) {
            return new FnError(502, "BadGateway", "OCI could not be reached ("
                    + rootCause(e).getClass().getSimpleName() + ")", e.getOpcRequestId(), Map.of());
        }
        String code = e.getServiceCode() == null || e.getServiceCode().isBlank() ? "OciError" : e.getServiceCode();
        // SDK 3.39.1 leaves getOriginalMessage() null for service errors; OCI's own text is here.
        String text = e.getOriginalMessage() != null ? e.getOriginalMessage() : e.getUnmodifiedMessage();
        String message = text == null || text.isBlank() ? "OCI answered " + e.getStatusCode() : text;
        return new FnError(e.getStatusCode(), code, message, e.getOpcRequestId(), Map.of());
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
