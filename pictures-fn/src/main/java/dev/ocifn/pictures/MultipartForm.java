package dev.ocifn.pictures;

import dev.ocifn.support.FieldNames;
import dev.ocifn.support.FnError;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.activation.DataSource;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one file field from a {@code multipart/form-data} body (RFC 7578) with Jakarta Mail's
 * MIME parser, which finds part boundaries on bytes, so binary content holding CR, LF or
 * {@code --} comes out unchanged. Jakarta Mail is lenient where an upload must not be: it guesses
 * a missing boundary parameter and accepts a body cut off before its closing boundary; both are
 * refused here, because a truncated picture would otherwise be stored as if complete.
 */
final class MultipartForm {
    /** The field's bytes and the content type its part declared, if any. */
    record FilePart(byte[] bytes, Optional<String> contentType) {
    }

    private MultipartForm() {
    }

    static boolean isFormData(String contentType) {
        return contentType != null && mediaType(contentType).equals("multipart/form-data");
    }

    /** The media type without parameters, lower case. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    static FilePart file(byte[] body, String contentType, String field) {
        try {
            String boundary = new ContentType(contentType).getParameter("boundary");
            if (boundary == null || boundary.isEmpty()) {
                throw FnError.badInput("Content-Type", "multipart/form-data needs a boundary parameter");
            }
        } catch (ParseException e) {
            throw FnError.badInput("Content-Type", "is not a valid media type");
        }
        try {
            MimeMultipart form = new MimeMultipart(shared(body, contentType));
            int count = form.getCount();
            if (!form.isComplete()) {
                throw FnError.badInput("body", "the multipart form ends before its closing boundary (was the upload cut off?)");
            }
            FilePart found = null;
            List<String> others = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                MimeBodyPart part = (MimeBodyPart) form.getBodyPart(i);
                String name = fieldName(part);
                if (!field.equals(name)) {
                    if (name != null) {
                        others.add(name);
                    }
                    continue;
                }
                if (found != null) {
                    throw FnError.badInput(field, "is in the form more than once; send one file");
                }
                try (InputStream in = part.getInputStream()) {
                    found = new FilePart(in.readAllBytes(), Optional.ofNullable(part.getHeader("Content-Type", null)));
                }
            }
            if (found == null) {
                // Other fields are not read (a form may carry a caption); one close to the
                // file's name is the file under a misspelled name, and is named as such.
                for (String other : others) {
                    if (FieldNames.nearest(other, List.of(field)).isPresent()) {
                        throw FieldNames.unknown(other, other, List.of(field), "");
                    }
                }
                throw FnError.badInput(field, "is missing from the form; send the picture as curl -F \""
                        + field + "=@avatar.jpg\"");
            }
            return found;
        } catch (MessagingException | IOException e) {
            throw FnError.badInput("body", "is not a valid multipart/form-data body");
        }
    }

    /** The {@code name} of a form-data part; null for a part that is not a form field. */
    private static String fieldName(MimeBodyPart part) throws MessagingException {
        String disposition = part.getHeader("Content-Disposition", null);
        if (disposition == null) {
            return null;
        }
        ContentDisposition cd = new ContentDisposition(disposition);
        return "form-data".equalsIgnoreCase(cd.getDisposition()) ? cd.getParameter("name") : null;
    }

    /**
     * The body as a source whose stream the parser can share: its parts then point into the body
     * instead of copying it (a 6 MB picture would otherwise be held once more while parsing).
     */
    private static DataSource shared(byte[] body, String contentType) {
        return new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new SharedByteArrayInputStream(body);
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("read only");
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getName() {
                return "form";
            }
        };
    }
}
