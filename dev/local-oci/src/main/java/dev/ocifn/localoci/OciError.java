package dev.ocifn.localoci;

/**
 * A refusal the way OCI words it: an HTTP status and an error code, answered as
 * {@code {"code","message"}}. Thrown anywhere below a route and turned into the answer there.
 */
public final class OciError extends RuntimeException {
    private final int status;
    private final String code;

    public OciError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** 400 InvalidParameter, the code OCI uses for a value it cannot accept. */
    public static OciError invalid(String message) {
        return new OciError(400, "InvalidParameter", message);
    }

    public static OciError notFound(String message) {
        return new OciError(404, "NotAuthorizedOrNotFound", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
