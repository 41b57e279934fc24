package dev.ocifn.pictures;

import dev.ocifn.support.FnError;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user and file a gateway path names: {@code .../pictures/{userId}/{filename}} (one picture)
 * or {@code .../pictures/{userId}} (the user's list). The route is found from the end of the path
 * because the gateway may or may not pass the deployment prefix on; without any {@code pictures}
 * segment, a path of two segments or one is read as {@code /{userId}/{filename}} or
 * {@code /{userId}} (the prefix was cut off).
 *
 * <p>Each value is percent-decoded exactly once and must then fall in a small safe set, so no
 * path can name an object outside {@code {userId}/}: encoded slashes and backslashes, {@code ..},
 * control characters and anything non-ASCII are refused before any other check.
 */
final class PicturePath {
    static final String ROUTE_SEGMENT = "pictures";
    /** The last segment of {@code /pictures/{userId}/{filename}/upload-url}. */
    static final String UPLOAD_URL_SEGMENT = "upload-url";
    /**
     * The subjects of the identity providers a token may come from: IDCS client ids and user
     * names (e-mail addresses), Auth0 ({@code auth0|...}, {@code google-oauth2|...}), Okta
     * ({@code 00u...}), Entra ID (base64url). Object Storage allows nearly anything in a name; of
     * that, every printable ASCII character but the separators '/' and '\', and '%' (a userId is
     * decoded once; what is left of a second encoding is refused, not read as an escape). No
     * space either: no subject has one, and a header value could not carry one at its ends.
     */
    static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E&&[^/\\\\%]]{1,255}");
    static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9._ +-]{1,255}");

    private final String userId;
    private final String filename;
    private final boolean uploadUrl;

    private PicturePath(String userId, String filename, boolean uploadUrl) {
        this.userId = userId;
        this.filename = filename;
        this.uploadUrl = uploadUrl;
    }

    /** {@code /pictures/{userId}/{filename}/upload-url}: a write PAR for the picture is asked for. */
    boolean isUploadUrl() {
        return uploadUrl;
    }

    String userId() {
        return userId;
    }

    /** Empty for the list route. */
    Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    boolean isList() {
        return filename == null;
    }

    /** Where the user's pictures live: {@code {userId}/}. */
    String prefix() {
        return userId + "/";
    }

    String objectName() {
        if (filename == null) {
            throw new IllegalStateException("the list route names no object");
        }
        return prefix() + filename;
    }

    /** @param rawPath the request path, still percent-encoded, without the query */
    static PicturePath parse(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            throw FnError.badInput("path", "this function serves API Gateway routes /pictures/{userId}/{filename} "
                    + "and /pictures/{userId}; a plain invoke has no path");
        }
        List<String> segments = Arrays.asList(rawPath.split("/", -1));
        if (!segments.get(0).isEmpty()) {
            throw notFound();
        }
        segments = segments.subList(1, segments.size());
        int n = segments.size();
        if (n >= 3 && segments.get(n - 1).equals(UPLOAD_URL_SEGMENT)
                && (n >= 4 && segments.get(n - 4).equals(ROUTE_SEGMENT) || n == 3 && !segments.contains(ROUTE_SEGMENT))) {
            return new PicturePath(userId(segments.get(n - 3)), filename(segments.get(n - 2)), true);
        }
        if (n >= 3 && segments.get(n - 3).equals(ROUTE_SEGMENT)) {
            return object(segments.get(n - 2), segments.get(n - 1));
        }
        if (n >= 2 && segments.get(n - 2).equals(ROUTE_SEGMENT)) {
            return list(segments.get(n - 1));
        }
        if (!segments.contains(ROUTE_SEGMENT)) {
            if (n == 2) {
                return object(segments.get(0), segments.get(1));
            }
            if (n == 1 && !segments.get(0).isEmpty()) {
                return list(segments.get(0));
            }
        }
        throw notFound();
    }

    private static PicturePath object(String rawUser, String rawFile) {
        return new PicturePath(userId(rawUser), filename(rawFile), false);
    }

    private static PicturePath list(String rawUser) {
        return new PicturePath(userId(rawUser), null, false);
    }

    private static String userId(String raw) {
        String v = decode(raw, "userId");
        rejectDots(v, "userId");
        if (!USER_ID.matcher(v).matches()) {
            throw FnError.badInput("userId", "must be 1 to 255 printable ASCII characters, without '/', '\\', '%' or spaces");
        }
        return v;
    }

    private static String filename(String raw) {
        String v = decode(raw, "filename");
        rejectDots(v, "filename");
        if (!FILENAME.matcher(v).matches()) {
            throw FnError.badInput("filename", "must be 1 to 255 characters from A-Z a-z 0-9 . _ + - and space");
        }
        if (v.startsWith(" ") || v.endsWith(" ")) {
            throw FnError.badInput("filename", "must not start or end with a space");
        }
        return v;
    }

    private static void rejectDots(String v, String field) {
        if (v.contains("..")) {
            throw FnError.badInput(field, "must not contain '..'");
        }
        if (v.startsWith(".")) {
            throw FnError.badInput(field, "must not start with '.'");
        }
    }

    /**
     * Decodes {@code %XX} escapes once. '+' stays a plus (this is a path, not a form). What a
     * second decoding would turn into a separator ({@code %252F}) keeps its '%' and fails the
     * safe set afterwards.
     */
    static String decode(String raw, String field) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw FnError.badInput(field, "has a malformed percent-escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw FnError.badInput(field, "has a malformed percent-escape");
                }
                c = (char) (hi * 16 + lo);
                i += 2;
                if (c == '/' || c == '\\') {
                    throw FnError.badInput(field, "must not contain an encoded slash or backslash");
                }
            } else if (c == '\\') {
                throw FnError.badInput(field, "must not contain a backslash");
            }
            if (c < 0x20 || c == 0x7F) {
                throw FnError.badInput(field, "must not contain control characters");
            }
            if (c > 0x7E) {
                throw FnError.badInput(field, "must use ASCII characters only");
            }
            out.append(c);
        }
        return out.toString();
    }

    private static FnError notFound() {
        return new FnError(404, "NotFound", "no such route; use /pictures/{userId}/{filename}, "
                + "/pictures/{userId}/{filename}/upload-url or /pictures/{userId}");
    }
}
