package dev.ocifn.localoci;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A value the path carries as one percent-encoded segment: a namespace, a bucket, an object, an OCID. */
public final class PathSegment {
    private PathSegment() {
    }

    /** Percent-decoding of a path segment: '+' is a plus sign, a malformed escape or UTF-8 is refused. */
    public static String decode(String raw, String what) {
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
