package dev.ocifn.localoci;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        String name = decode(rawSegment, "object name");
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

    /** Percent-decoding of a path segment: '+' is a plus sign, a malformed escape or UTF-8 is refused. */
    static String decode(String raw, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw OciError.invalid("The " + what + " has a malformed percent-escape");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Clients percent-encode UTF-8; a raw byte here has no single meaning.
                throw OciError.invalid("The " + what + " must be percent-encoded UTF-8");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw OciError.invalid("The " + what + " is not valid UTF-8");
        }
    }
}
