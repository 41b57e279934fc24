package dev.ocifn.pictures;

import dev.ocifn.support.FnError;
import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static dev.ocifn.pictures.TestPictures.BOUNDARY;
import static dev.ocifn.pictures.TestPictures.JPEG_MAGIC;
import static dev.ocifn.pictures.TestPictures.form;
import static dev.ocifn.pictures.TestPictures.formType;
import static dev.ocifn.pictures.TestPictures.picture;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class MultipartFormTest {
    @Test
    public void randomBinaryContentComesOutUnchanged() {
        for (int seed = 0; seed < 200; seed++) {
            byte[] content = picture(JPEG_MAGIC, 4 + (seed * 7919) % 20_000, seed);
            MultipartForm.FilePart part = MultipartForm.file(form("fileUpload", "a.jpg", "image/jpeg", content), formType(), "fileUpload");
            assertArrayEquals("seed " + seed, content, part.bytes());
            assertEquals(Optional.of("image/jpeg"), part.contentType());
        }
    }

    @Test
    public void contentMadeOfDelimiterLookalikes() {
        String near = "\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1);
        byte[] content = ("--\r\n--\r\n" + near + "X\r\n" + near + "\r\n--").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(content, MultipartForm.file(form("fileUpload", "a", null, content), formType(), "fileUpload").bytes());
    }

    @Test
    public void quotedBoundaryPreambleAndEpilogue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("This is a preamble.\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(form("fileUpload", "a.jpg", "image/jpeg", new byte[]{1, 2, 3}));
        out.writeBytes("epilogue\r\n".getBytes(StandardCharsets.US_ASCII));
        MultipartForm.FilePart part = MultipartForm.file(out.toByteArray(),
                "Multipart/Form-Data; charset=utf-8; boundary=\"" + BOUNDARY + "\"", "fileUpload");
        assertArrayEquals(new byte[]{1, 2, 3}, part.bytes());
    }

    @Test
    public void partWithoutContentTypeHasNone() {
        MultipartForm.FilePart part = MultipartForm.file(form("fileUpload", "a.jpg", null, new byte[]{9}), formType(), "fileUpload");
        assertEquals(Optional.empty(), part.contentType());
    }

    @Test
    public void fieldNamesAreExactAndACloseOneIsNamedAsMisspelled() {
        FnError e = assertThrows(FnError.class, () -> MultipartForm.file(
                form("fileupload", "a.jpg", "image/jpeg", new byte[]{1}), formType(), "fileUpload"));
        assertEquals("fileupload: unknown field; did you mean fileUpload?", e.getMessage());
        e = assertThrows(FnError.class, () -> MultipartForm.file(
                form("picture", "a.jpg", "image/jpeg", new byte[]{1}), formType(), "fileUpload"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("fileUpload: is missing"));
    }

    @Test
    public void cutOffFormIsRefusedNotTruncated() {
        byte[] whole = form("fileUpload", "a.jpg", "image/jpeg", picture(JPEG_MAGIC, 5_000, 1));
        // Ending right after the closing "--" is complete (the final CRLF is optional); anything shorter is not.
        assertEquals(5_000, MultipartForm.file(java.util.Arrays.copyOf(whole, whole.length - 2), formType(), "fileUpload").bytes().length);
        for (int cut : new int[]{whole.length - 3, whole.length - 4, whole.length - 6, whole.length - 50, 200}) {
            byte[] partial = java.util.Arrays.copyOf(whole, cut);
            FnError e = assertThrows("cut at " + cut, FnError.class, () -> MultipartForm.file(partial, formType(), "fileUpload"));
            assertEquals(400, e.status());
        }
    }

    @Test
    public void garbageIsA400() {
        for (String body : new String[]{"", "no boundary at all", "--" + BOUNDARY + "\r\nbroken header line\r\n"}) {
            FnError e = assertThrows(body, FnError.class,
                    () -> MultipartForm.file(body.getBytes(StandardCharsets.US_ASCII), formType(), "fileUpload"));
            assertEquals(400, e.status());
        }
        assertEquals(400, assertThrows(FnError.class,
                () -> MultipartForm.file(new byte[0], "multipart/form-data; boundary=\"unterminated", "fileUpload")).status());
    }
}
