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
        String message = e.getOriginalMessage() == null ? "OCI answered " + e.getStatusCode() : e.getOriginalMessage();
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
