package dev.ocifn.localoci.objectstorage;

import dev.ocifn.localoci.OciError;
import dev.ocifn.localoci.PathSegment;

import java.util.regex.Pattern;

/**
 * Object and bucket names as the path carries them. An object name arrives percent-encoded as
 * one path segment (it may hold "/" once decoded); it is decoded strictly and checked as Object
 * Storage checks it: 1 to 1024 characters, no line feed, carriage return or NUL. Names never
 * become file names (see {@link ObjectStore}), so "../x" is just a name.
 */
final class ObjectName {
    static final int MAX_LENGTH = 1024;
    /** Letters, digits, dashes, underscores and periods; not starting with a period. */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,255}");

    private ObjectName() {
    }

    static String object(String rawSegment) {
        String name = PathSegment.decode(rawSegment, "object name");
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw OciError.invalid("The object name must be 1 to " + MAX_LENGTH + " characters long");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\0') >= 0) {
            throw OciError.invalid("The object name must not contain line feed, carriage return or NUL characters");
        }
        return name;
    }

    static boolean validBucket(String name) {
        return BUCKET.matcher(name).matches();
    }
}
