package dev.ocifn.pictures;

import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * A picture ready to store: its bytes, the format they were checked to be, and their MD5 (sent
 * as Content-MD5, so Object Storage refuses bytes that changed on the way). Everything wrong
 * with an upload is found here, before any OCI call.
 */
record Upload(byte[] bytes, ImageType type, String md5) {
    static final String FIELD = "fileUpload";
    /** What curl and browsers declare for a file whose type they do not know. */
    private static final String OCTET_STREAM = "application/octet-stream";

    static Upload from(GatewayRequest request, long maxBytes, Set<ImageType> allowed) {
        Optional<String> requestType = request.contentType();
        byte[] bytes;
        Optional<String> declared;
        String field;
        if (requestType.isPresent() && MultipartForm.isFormData(requestType.get())) {
            MultipartForm.FilePart part = MultipartForm.file(request.body(), requestType.get(), FIELD);
            bytes = part.bytes();
            declared = part.contentType();
            field = FIELD;
        } else {
            bytes = request.body();
            declared = requestType;
            field = "body";
        }
        if (bytes.length == 0) {
            throw FnError.badInput(field, "is empty; send the picture's bytes");
        }
        if (bytes.length > maxBytes) {
            throw FnError.tooLarge("the picture", maxBytes);
        }
        return new Upload(bytes, checkType(declared, bytes, allowed), md5(bytes));
    }

    /**
     * The declared type must be allowed and agree with the bytes. A missing or generic
     * (octet-stream) type is what curl -F sends for an extension it does not know; then the
     * bytes alone decide, still only among the allowed types.
     */
    static ImageType checkType(Optional<String> declared, byte[] bytes, Set<ImageType> allowed) {
        String media = declared.map(MultipartForm::mediaType).orElse("");
        ImageType type;
        if (media.isEmpty() || media.equals(OCTET_STREAM)) {
            type = ImageType.sniff(bytes).orElseThrow(() -> unsupported(
                    "the bytes are not a picture of an allowed type (" + ImageType.describe(allowed) + ")"));
        } else {
            type = ImageType.ofMediaType(media).orElseThrow(() -> unsupported(
                    "content type " + printable(media) + " is not allowed; send one of " + ImageType.describe(allowed)
                            + " (multipart/form-data with the file in field " + FIELD + ", or the raw bytes)"));
            if (!type.matches(bytes)) {
                throw unsupported("the bytes are not " + type.mime() + " (their signature does not match the declared type)");
            }
        }
        if (!allowed.contains(type)) {
            throw unsupported("content type " + type.mime() + " is not allowed; send one of " + ImageType.describe(allowed));
        }
        return type;
    }

    static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static FnError unsupported(String message) {
        return new FnError(415, "UnsupportedMediaType", message);
    }

    /** A caller's content type, shortened, for an error message. */
    private static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
