package dev.ocifn.pictures;

import dev.ocifn.support.Boundary;
import dev.ocifn.support.FnError;
import dev.ocifn.support.Settings;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The function's own settings, read and checked once per container. Each value ends up in an
 * Object Storage URL or decides who may see what, so each is checked before first use; a bad one
 * answers every call with a 500 naming the key.
 */
record PicturesConfig(String bucket, Optional<String> namespace, long maxUploadBytes,
                      Set<ImageType> allowedTypes, UserIsolation isolation, long parTtlSeconds, long inlineMaxBytes) {
    static final String BUCKET_NAME = "BUCKET_NAME";
    static final String NAMESPACE = "NAMESPACE";
    static final String MAX_UPLOAD_BYTES = "MAX_UPLOAD_BYTES";
    static final String ALLOWED_TYPES = "ALLOWED_TYPES";
    static final String PAR_TTL_SECONDS = "PAR_TTL_SECONDS";
    static final String INLINE_MAX_BYTES = "INLINE_MAX_BYTES";
    /** How long an upload URL or a download redirect stays valid, by default and at most. */
    static final long DEFAULT_PAR_TTL = 300;
    static final long MAX_PAR_TTL = 3600;
    /**
     * The largest picture answered inline, by default: Fn's 6 MB body limit less room for what
     * else travels with the answer; anything larger is redirected to a read PAR.
     */
    static final long DEFAULT_INLINE_MAX = Boundary.FN_BODY_LIMIT - 64 * 1024;

    /**
     * Object Storage bucket names: letters, digits, dashes, underscores and periods, up to 256;
     * starting with a letter or digit, so the URL path segment can never be "." or "..".
     */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");
    /** The API documents namespaces as [A-Za-z][A-Za-z0-9-_.]+; short, and never holding a '/'. */
    static final Pattern NAMESPACE_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E]{1,256}");

    static PicturesConfig from(Settings s) {
        String bucket = s.required(BUCKET_NAME);
        require(BUCKET.matcher(bucket).matches(), BUCKET_NAME,
                "must be a bucket name (letters, digits, '-', '_', '.')");
        Optional<String> namespace = s.get(NAMESPACE);
        namespace.ifPresent(ns -> require(NAMESPACE_VALUE.matcher(ns).matches(), NAMESPACE,
                "must be an Object Storage namespace (letters, digits, '-', '_', '.')"));
        long maxUpload = s.number(MAX_UPLOAD_BYTES, Boundary.FN_BODY_LIMIT, 1, Boundary.FN_BODY_LIMIT);
        Set<ImageType> allowed;
        try {
            allowed = ImageType.parseList(s.get(ALLOWED_TYPES).orElse(null));
        } catch (IllegalArgumentException e) {
            throw FnError.misconfigured("the function configuration " + ALLOWED_TYPES + " " + e.getMessage());
        }
        long parTtl = s.number(PAR_TTL_SECONDS, DEFAULT_PAR_TTL, 10, MAX_PAR_TTL);
        long inlineMax = s.number(INLINE_MAX_BYTES, DEFAULT_INLINE_MAX, 0, Boundary.FN_BODY_LIMIT);
        return new PicturesConfig(bucket, namespace, maxUpload, allowed, isolation(s), parTtl, inlineMax);
    }

    private static UserIsolation isolation(Settings s) {
        boolean enabled = UserIsolation.enabled(s.get(UserIsolation.USER_ISOLATION));
        String userHeader = s.get(UserIsolation.USER_HEADER).orElse(UserIsolation.DEFAULT_USER_HEADER);
        require(HEADER_NAME.matcher(userHeader).matches(), UserIsolation.USER_HEADER,
                "must be an HTTP header name such as X-User-Id");
        String scopesHeader = s.get(UserIsolation.SCOPES_HEADER).orElse(UserIsolation.DEFAULT_SCOPES_HEADER);
        require(HEADER_NAME.matcher(scopesHeader).matches(), UserIsolation.SCOPES_HEADER,
                "must be an HTTP header name such as X-User-Scopes");
        Optional<String> adminScope = s.get(UserIsolation.ADMIN_SCOPE);
        adminScope.ifPresent(a -> require(SCOPE.matcher(a).matches(), UserIsolation.ADMIN_SCOPE,
                "must be one scope: printable characters without spaces"));
        return new UserIsolation(enabled, userHeader, scopesHeader, adminScope);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw FnError.misconfigured("the function configuration " + key + " " + problem);
        }
    }
}
