package dev.ocifn.pictures;

import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps each token holder inside their own {@code {userId}/} prefix, by default. API Gateway
 * writes the token's subject into a header (overwriting whatever the caller sent), named by
 * {@code USER_HEADER} (default {@code X-User-Id}, the header the rendered gateway specification
 * sets); the path's userId must equal it, or the call ends with 403 before any OCI call. A missing
 * or empty header is refused too (fail closed: a route without the header transformation must not
 * open every user's pictures). A token holding {@code ADMIN_SCOPE}, read from the space-separated
 * scopes header, may reach every user. Only {@code USER_ISOLATION=off} lets the path alone decide.
 */
final class UserIsolation {
    static final String USER_ISOLATION = "USER_ISOLATION";
    static final String USER_HEADER = "USER_HEADER";
    static final String SCOPES_HEADER = "SCOPES_HEADER";
    static final String ADMIN_SCOPE = "ADMIN_SCOPE";
    static final String DEFAULT_USER_HEADER = "X-User-Id";
    static final String DEFAULT_SCOPES_HEADER = "X-User-Scopes";
    /** What the function logs once per container when isolation is off. */
    static final String OFF_WARNING = "pictures-fn: USER_ISOLATION=off: per-user isolation is OFF; "
            + "any token the gateway accepts may read, write and delete every user's pictures";
    /**
     * The gateway writes {@code sub=<token subject>} here (apigw/templates/pictures-fn.json). Unlike
     * the user header this value is never empty, so the gateway always overwrites what a caller
     * sent; when the subject is empty API Gateway skips the user header's transformation and a
     * caller's own user header would otherwise pass.
     */
    static final String SUBJECT_HEADER = "X-User-Subject";

    private final boolean enabled;
    private final String userHeader;
    private final String scopesHeader;
    private final Optional<String> adminScope;

    UserIsolation(boolean enabled, String userHeader, String scopesHeader, Optional<String> adminScope) {
        this.enabled = enabled;
        this.userHeader = userHeader;
        this.scopesHeader = scopesHeader;
        this.adminScope = adminScope;
    }

    /**
     * Reads {@code USER_ISOLATION}: absent or {@code on} keeps isolation, {@code off} turns it
     * off; anything else is a configuration error (a typo must not open the bucket).
     */
    static boolean enabled(Optional<String> setting) {
        String value = setting.map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("on");
        switch (value) {
            case "on":
                return true;
            case "off":
                return false;
            default:
                throw FnError.misconfigured("the function configuration " + USER_ISOLATION
                        + " must be 'on' (the default) or 'off'");
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** Refuses with 403 when isolation is on and the caller is neither the path's user nor an admin. */
    void check(GatewayRequest request, String pathUserId) {
        if (!enabled || isAdmin(request)) {
            return;
        }
        String caller = request.header(userHeader).orElseThrow(() -> new FnError(403, "Forbidden",
                "the caller's identity is missing (header " + userHeader + " is not set by the gateway; "
                        + "see the pictures-fn README, per-user isolation)"));
        boolean fromToken = request.header(SUBJECT_HEADER).map(s -> s.equals("sub=" + caller)).orElse(true);
        if (!fromToken) {
            throw new FnError(403, "Forbidden", "the caller's identity is missing (the token's subject is empty)");
        }
        if (!caller.equals(pathUserId)) {
            // Says nothing about whether the other user or the file exists.
            throw new FnError(403, "Forbidden", "a token may only reach the pictures of its own user");
        }
    }

    private boolean isAdmin(GatewayRequest request) {
        if (adminScope.isEmpty()) {
            return false;
        }
        return request.header(scopesHeader)
                .map(scopes -> Arrays.asList(scopes.trim().split("\\s+")).contains(adminScope.get()))
                .orElse(false);
    }
}
