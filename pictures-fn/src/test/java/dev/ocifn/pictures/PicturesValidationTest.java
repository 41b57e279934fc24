package dev.ocifn.pictures;

import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.OciServerRule;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ocifn.pictures.TestPictures.JPEG_MAGIC;
import static dev.ocifn.pictures.TestPictures.form;
import static dev.ocifn.pictures.TestPictures.formType;
import static dev.ocifn.pictures.TestPictures.picture;
import static org.junit.Assert.assertTrue;

/**
 * Every bad request is answered with its 4xx and a JSON error naming what is wrong, before any
 * OCI call: nothing is stored, nothing is read, no other user's prefix is reachable.
 */
@RunWith(Parameterized.class)
public class PicturesValidationTest {
    @ClassRule
    public static final OciServerRule OCI = OciServerRule.start();
    private static final InMemoryBucket BUCKET = new InMemoryBucket("pictures-bucket").install(OCI.server());
    private static final byte[] JPEG = picture(JPEG_MAGIC, 2_000, 40);
    private static final String URL = "/pictures/john/avatar.jpg";

    /** One bad request and what it must get. */
    record Case(String name, String method, String url, String contentType, byte[] body,
                Map<String, String> config, int status, String code, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        List<Case> c = new ArrayList<>();
        // The path: nothing may reach outside {userId}/.
        c.add(get("dot-dot user", "/pictures/../avatar.jpg", "userId: must not contain '..'"));
        c.add(get("dot-dot file", "/pictures/john/..", "filename: must not contain '..'"));
        c.add(get("encoded dot-dot", "/pictures/john/%2e%2e", "filename: must not contain '..'"));
        c.add(get("encoded slash in file", "/pictures/john/..%2Fjane%2Favatar.jpg", "filename: must not contain an encoded slash"));
        c.add(get("encoded slash in user", "/pictures/jane%2fx/avatar.jpg", "userId: must not contain an encoded slash"));
        c.add(get("encoded backslash", "/pictures/john/a%5Cb.jpg", "filename: must not contain an encoded slash or backslash"));
        c.add(get("raw backslash", "/pictures/john/a\\b.jpg", "filename: must not contain a backslash"));
        c.add(get("double-encoded slash", "/pictures/jo%252Fhn/a.jpg", "userId: must be 1 to 255 printable ASCII characters"));
        c.add(get("encoded LF", "/pictures/john/a%0Ab.jpg", "filename: must not contain control characters"));
        c.add(get("encoded CR", "/pictures/john/a%0Db.jpg", "filename: must not contain control characters"));
        c.add(get("encoded NUL", "/pictures/john/a%00.jpg", "filename: must not contain control characters"));
        c.add(get("encoded DEL", "/pictures/jo%7Fhn/a.jpg", "userId: must not contain control characters"));
        c.add(get("malformed escape", "/pictures/john/a%zz.jpg", "filename: has a malformed percent-escape"));
        c.add(get("truncated escape", "/pictures/john/a.jpg%2", "filename: has a malformed percent-escape"));
        c.add(get("non-ASCII", "/pictures/john/caf%C3%A9.jpg", "filename: must use ASCII characters only"));
        c.add(get("hidden file", "/pictures/john/.htaccess", "filename: must not start with '.'"));
        c.add(get("leading space", "/pictures/john/%20a.jpg", "filename: must not start or end with a space"));
        c.add(get("unsafe character", "/pictures/john/a;b.jpg", "filename: must be 1 to 255 characters"));
        c.add(get("empty user", "/pictures//a.jpg", "userId: must be 1 to 255 printable ASCII characters"));
        c.add(get("empty file", "/pictures/john/", "filename: must be 1 to 255 characters"));
        c.add(get("user too long", "/pictures/" + "u".repeat(256) + "/a.jpg", "userId: must be 1 to 255 printable ASCII characters"));
        c.add(get("file too long", "/pictures/john/" + "f".repeat(252) + ".jpg", "filename: must be 1 to 255 characters"));
        c.add(get("bad user in list", "/pictures/jo%2Fhn", "userId: must not contain an encoded slash"));
        c.add(get("limit 0", "/pictures/john?limit=0", "limit: must be a whole number from 1 to 1000"));
        c.add(get("limit 1001", "/pictures/john?limit=1001", "limit: must be a whole number from 1 to 1000"));
        c.add(get("page with control char", "/pictures/john?page=%01", "page: must be the nextPage token"));

        // The upload.
        c.add(upload("empty raw body", "image/jpeg", new byte[0], Map.of(), 400, "InvalidParameter", "body: is empty"));
        c.add(upload("empty file field", formType(), form("fileUpload", "a.jpg", "image/jpeg", new byte[0]), Map.of(),
                400, "InvalidParameter", "fileUpload: is empty"));
        c.add(upload("form without fileUpload", formType(), form("file", "a.jpg", "image/jpeg", JPEG), Map.of(),
                400, "InvalidParameter", "fileUpload: is missing from the form"));
        c.add(upload("form with a misspelled fileUpload", formType(), new TestPictures.Form().text("caption", "hi")
                        .file("fileUplaod", "a.jpg", "image/jpeg", JPEG).end(), Map.of(),
                400, "InvalidParameter", "fileUplaod: unknown field; did you mean fileUpload?"));
        c.add(upload("form with text fields only", formType(), new TestPictures.Form().text("caption", "hi").end(), Map.of(),
                400, "InvalidParameter", "fileUpload: is missing"));
        c.add(upload("two fileUpload fields", formType(), new TestPictures.Form().file("fileUpload", "a.jpg", "image/jpeg", JPEG)
                .file("fileUpload", "b.jpg", "image/jpeg", JPEG).end(), Map.of(), 400, "InvalidParameter", "fileUpload: is in the form more than once"));
        c.add(upload("form cut off", formType(), new TestPictures.Form().file("fileUpload", "a.jpg", "image/jpeg", JPEG).cutOff(),
                Map.of(), 400, "InvalidParameter", "body: the multipart form ends before its closing boundary"));
        c.add(upload("form without boundary parameter", "multipart/form-data", form("fileUpload", "a.jpg", "image/jpeg", JPEG),
                Map.of(), 400, "InvalidParameter", "Content-Type: multipart/form-data needs a boundary"));
        c.add(upload("form that is not multipart", formType(), "just some text".getBytes(StandardCharsets.US_ASCII), Map.of(),
                400, "InvalidParameter", "body: "));
        c.add(upload("file over MAX_UPLOAD_BYTES (raw)", "image/jpeg", JPEG, Map.of("MAX_UPLOAD_BYTES", "1999"),
                413, "PayloadTooLarge", "limit of 1999 bytes"));
        c.add(upload("file over MAX_UPLOAD_BYTES (form)", formType(), form("fileUpload", "a.jpg", "image/jpeg", JPEG),
                Map.of("MAX_UPLOAD_BYTES", "1999"), 413, "PayloadTooLarge", "limit of 1999 bytes"));
        // A body over MAX_BODY_BYTES: the contract's body-limit case (PicturesFunctionTest).
        c.add(upload("text/plain", "text/plain", JPEG, Map.of(), 415, "UnsupportedMediaType", "content type text/plain is not allowed"));
        c.add(upload("form-urlencoded (curl --data-binary)", "application/x-www-form-urlencoded", JPEG, Map.of(),
                415, "UnsupportedMediaType", "application/x-www-form-urlencoded is not allowed"));
        c.add(upload("svg", "image/svg+xml", "<svg/>".getBytes(StandardCharsets.US_ASCII), Map.of(),
                415, "UnsupportedMediaType", "image/svg+xml is not allowed"));
        c.add(upload("declared png, bytes jpeg", "image/png", JPEG, Map.of(),
                415, "UnsupportedMediaType", "the bytes are not image/png"));
        c.add(upload("declared gif in form, bytes jpeg", formType(), form("fileUpload", "a.gif", "image/gif", JPEG), Map.of(),
                415, "UnsupportedMediaType", "the bytes are not image/gif"));
        c.add(upload("html declared as jpeg", "image/jpeg", "<html><script>x</script></html>".getBytes(StandardCharsets.US_ASCII),
                Map.of(), 415, "UnsupportedMediaType", "the bytes are not image/jpeg"));
        c.add(upload("octet-stream that is no picture", "application/octet-stream", "MZ\u0090\u0000executable".getBytes(StandardCharsets.ISO_8859_1),
                Map.of(), 415, "UnsupportedMediaType", "the bytes are not a picture of an allowed type"));
        c.add(upload("no content type, no picture", null, "hello".getBytes(StandardCharsets.US_ASCII), Map.of(),
                415, "UnsupportedMediaType", "not a picture"));
        c.add(upload("jpeg when only png allowed", "image/jpeg", JPEG, Map.of("ALLOWED_TYPES", "png"),
                415, "UnsupportedMediaType", "image/jpeg is not allowed; send one of image/png"));
        c.add(upload("octet-stream jpeg when only png allowed", "application/octet-stream", JPEG, Map.of("ALLOWED_TYPES", "image/png"),
                415, "UnsupportedMediaType", "image/jpeg is not allowed"));
        c.add(new Case("truncated png signature", "PUT", "/pictures/john/x.png", "image/png",
                new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Map.of(), 415, "UnsupportedMediaType", "the bytes are not image/png"));
        c.add(new Case("upload to a bad name", "POST", "/pictures/john/..%2F..%2Fjane%2Fa.jpg", "image/jpeg", JPEG, Map.of(),
                400, "InvalidParameter", "filename: must not contain an encoded slash"));
        List<Object[]> out = new ArrayList<>();
        c.forEach(x -> out.add(new Object[]{x}));
        return out;
    }

    private static Case get(String name, String url, String says) {
        return new Case(name, "GET", url, null, new byte[0], Map.of(), 400, "InvalidParameter", says);
    }

    private static Case upload(String name, String type, byte[] body, Map<String, String> config, int status, String code, String says) {
        return new Case(name, "POST", URL, type, body, config, status, code, says);
    }

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final Case c;

    public PicturesValidationTest(Case c) {
        this.c = c;
    }

    @Test
    public void isRefusedBeforeAnyOciCall() throws Exception {
        OCI.configure(fn);
        fn.setConfig("BUCKET_NAME", "pictures-bucket");
        c.config().forEach(fn::setConfig);
        TestPictures.sendAsOwner(fn, c.method(), c.url(), c.contentType(), c.body()).enqueue();
        fn.thenRun(PicturesFunction.class, "handleRequest");

        String message = OCI.refused(fn.getOnlyResult(), c.status(), c.code()).message();
        assertTrue(message, message.contains(c.says()));
        assertTrue(BUCKET.objects().isEmpty());
    }
}
