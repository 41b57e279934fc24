package dev.ocifn.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer that is not a success, raised anywhere in a function and turned into the JSON error
 * shape by {@link Boundary}. The message is shown to the caller, so it must never carry a secret.
 */
public final class FnError extends RuntimeException {
    private final int status;
    private final String code;
    private final String opcRequestId;
    private final Map<String, String> headers;

    public FnError(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    public FnError(int status, String code, String message, String opcRequestId, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.opcRequestId = opcRequestId;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** 400 naming the field that is wrong, e.g. {@code badInput("granularity", "is required")}. */
    public static FnError badInput(String field, String problem) {
        return new FnError(400, "InvalidParameter", field + ": " + problem);
    }

    /** 500 for a function that is deployed without a setting it needs. */
    public static FnError misconfigured(String message) {
        return new FnError(500, "FunctionMisconfigured", message);
    }

    public static FnError methodNotAllowed(String method, String... allowed) {
        String allow = String.join(", ", allowed);
        return new FnError(405, "MethodNotAllowed",
                "method " + (method.isEmpty() ? "(none)" : method) + " is not allowed here; use " + allow,
                null, Map.of("Allow", allow));
    }

    public static FnError tooLarge(String what, long limit) {
        return new FnError(413, "PayloadTooLarge", what + " is larger than the limit of " + limit + " bytes");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String opcRequestId() {
        return opcRequestId;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
