package dev.ocifn.pictures;

import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;

import java.util.Arrays;
import java.util.Optional;

/**
 * Keeps each token holder inside their own {@code {userId}/} prefix. API Gateway writes the
 * token's subject into a header (overwriting whatever the caller sent); when {@code USER_HEADER}
 * names that header, the path's userId must equal it, or the call ends with 403 before any OCI
 * call. A missing header is refused too (fail closed: a route without the header transformation
 * must not open every user's pictures). A token holding {@code ADMIN_SCOPE}, read from the
 * space-separated scopes header, may reach every user.
 */
final class UserIsolation {
    static final String USER_HEADER = "USER_HEADER";
    static final String SCOPES_HEADER = "SCOPES_HEADER";
    static final String ADMIN_SCOPE = "ADMIN_SCOPE";
    static final String DEFAULT_SCOPES_HEADER = "X-User-Scopes";
    /**
     * The gateway writes {@code sub=<token subject>} here (apigw/templates/pictures-fn.json). Unlike
     * the user header this value is never empty, so the gateway always overwrites what a caller
     * sent; when the subject is empty API Gateway skips the user header's transformation and a
     * caller's own user header would otherwise pass.
     */
    static final String SUBJECT_HEADER = "X-User-Subject";

    private final Optional<String> userHeader;
    private final String scopesHeader;
    private final Optional<String> adminScope;

    UserIsolation(Optional<String> userHeader, String scopesHeader, Optional<String> adminScope) {
        this.userHeader = userHeader;
        this.scopesHeader = scopesHeader;
        this.adminScope = adminScope;
    }

    boolean enabled() {
        return userHeader.isPresent();
    }

    /** Refuses with 403 when isolation is on and the caller is neither the path's user nor an admin. */
    void check(GatewayRequest request, String pathUserId) {
        if (userHeader.isEmpty() || isAdmin(request)) {
            return;
        }
        String caller = request.header(userHeader.get()).orElseThrow(() -> new FnError(403, "Forbidden",
                "the caller's identity is missing (header " + userHeader.get() + " is not set by the gateway)"));
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
