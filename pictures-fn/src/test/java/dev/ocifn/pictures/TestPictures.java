package dev.ocifn.pictures;

import com.fnproject.fn.testing.FnEventBuilder;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Picture bytes and request bodies as curl and browsers send them. */
final class TestPictures {
    static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** The boundary curl 8 would pick, give or take the random part. */
    static final String BOUNDARY = "------------------------d74496d66958873e";

    private TestPictures() {
    }

    /**
     * A picture of the given format: its signature, then random bytes sprinkled with what
     * could confuse a careless multipart or text reader: CR, LF, CRLF, "--", a line that starts
     * like the boundary, NUL and high bytes.
     */
    static byte[] picture(byte[] magic, int size, long seed) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        random.nextBytes(out);
        System.arraycopy(magic, 0, out, 0, magic.length);
        byte[][] traps = {
                "\r\n".getBytes(StandardCharsets.US_ASCII), "\n".getBytes(StandardCharsets.US_ASCII),
                "\r".getBytes(StandardCharsets.US_ASCII), "--".getBytes(StandardCharsets.US_ASCII),
                ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "X").getBytes(StandardCharsets.US_ASCII),
                "\r\n--\r\n".getBytes(StandardCharsets.US_ASCII), {0, 0, 0}, {(byte) 0xFF, (byte) 0xFE}};
        for (int i = 0; i < size / 64; i++) {
            byte[] trap = traps[random.nextInt(traps.length)];
            int at = magic.length + random.nextInt(Math.max(1, size - magic.length - trap.length));
            if (at + trap.length <= size) {
                System.arraycopy(trap, 0, out, at, trap.length);
            }
        }
        // End on CR LF: the multipart reader must not take it for part of the delimiter.
        if (size > magic.length + 2) {
            out[size - 2] = '\r';
            out[size - 1] = '\n';
        }
        return out;
    }

    static byte[] webp(int size) {
        byte[] out = picture(new byte[0], size, 7);
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 4);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, out, 8, 4);
        return out;
    }

    static String formType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** A form with one file field, as {@code curl -F "field=@filename;type=..."} writes it. */
    static byte[] form(String field, String filename, String partType, byte[] content) {
        return new Form().file(field, filename, partType, content).end();
    }

    /** Builds multipart/form-data bodies part by part. */
    static final class Form {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form file(String field, String filename, String partType, byte[] content) {
            ascii("--" + BOUNDARY + "\r\n");
            ascii("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n");
            if (partType != null) {
                ascii("Content-Type: " + partType + "\r\n");
            }
            ascii("\r\n");
            out.writeBytes(content);
            ascii("\r\n");
            return this;
        }

        Form text(String field, String value) {
            ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        byte[] end() {
            ascii("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        /** The body without its closing delimiter, as a cut-off upload arrives. */
        byte[] cutOff() {
            return out.toByteArray();
        }

        private void ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Points the function at this server's bucket {@code pictures-bucket}, signing as {@code principal}. */
    static void configure(FnTestingRule fn, dev.ocifn.ocifake.ResourcePrincipalFixture principal,
                          dev.ocifn.ocifake.FakeOciServer oci) {
        principal.config().forEach(fn::setConfig);
        fn.setConfig("OCI_ENDPOINT", oci.endpoint());
        fn.setConfig("BUCKET_NAME", "pictures-bucket");
        fn.setConfig("NAMESPACE", InMemoryBucket.NAMESPACE);
    }

    /** The user every test of the plain routes acts as; the gateway sets the header from the token. */
    static final String OWNER = "john";

    /** A gateway event of the token holder {@link #OWNER}, as the gateway passes it on. */
    static FnEventBuilder<FnTestingRule> request(FnTestingRule fn, String method, String url) {
        return FnGateway.request(fn, method, url).withHeader("Fn-Http-H-X-User-Id", OWNER);
    }

    /** {@link #send} by the token holder {@link #OWNER}. */
    static FnEventBuilder<FnTestingRule> sendAsOwner(FnTestingRule fn, String method, String url, String contentType,
                                                     byte[] body) {
        return send(fn, method, url, contentType, body).withHeader("Fn-Http-H-X-User-Id", OWNER);
    }

    /** A gateway event with a body and its content type (both as the gateway passes them). */
    static FnEventBuilder<FnTestingRule> send(FnTestingRule fn, String method, String url, String contentType, byte[] body) {
        FnEventBuilder<FnTestingRule> e = FnGateway.request(fn, method, url);
        if (contentType != null) {
            e = e.withHeader("Fn-Http-H-Content-Type", contentType).withHeader("Content-Type", contentType);
        }
        return e.withBody(body);
    }
}
