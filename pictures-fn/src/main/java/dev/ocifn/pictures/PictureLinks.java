package dev.ocifn.pictures;

import com.oracle.bmc.objectstorage.model.CreatePreauthenticatedRequestDetails.AccessType;
import dev.ocifn.support.FnError;
import dev.ocifn.support.Reply;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pictures larger than a function can carry move between the caller and Object Storage directly,
 * through a pre-authenticated request (PAR) for exactly one object and a short time: an
 * {@code ObjectWrite} PAR to upload ({@code POST .../upload-url}), an {@code ObjectRead} PAR behind
 * a 307 to download. The PAR's URL is a bearer secret: it goes into the answer and nowhere else;
 * the one log line per PAR says only what kind was issued and when it expires.
 */
final class PictureLinks {
    /**
     * The most one PUT may store, as the upload answer states it: Object Storage's limit for a
     * single PutObject (50 GiB; unconfirmed here). A PAR itself checks neither size nor type.
     */
    static final long MAX_PUT_BYTES = 50L * 1024 * 1024 * 1024;
    /** What clients send when they name no type; then the bytes decide, as for uploads. */
    private static final String OCTET_STREAM = "application/octet-stream";

    private final PictureStore store;
    private final PicturesConfig config;
    private final PrintStream log;

    PictureLinks(PictureStore store, PicturesConfig config, PrintStream log) {
        this.store = store;
        this.config = config;
        this.log = log;
    }

    /** 201 with a write PAR for {@code {userId}/{filename}}. */
    Reply uploadUrl(PicturePath path) {
        PictureStore.Par par = store.par(path.objectName(), AccessType.ObjectWrite, expiry());
        logIssued("upload", par);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadUrl", par.url());
        body.put("method", "PUT");
        body.put("expires", rfc3339(par.expires()));
        body.put("objectName", path.objectName());
        body.put("maxBytes", MAX_PUT_BYTES);
        return Reply.json(201, body)
                .header("Cache-Control", "no-store")
                .header("opc-request-id", par.opcRequestId());
    }

    /**
     * 307 to a read PAR for the object, after its stored type and first bytes passed the same
     * rules an upload through the function passes; 415 and no PAR otherwise.
     */
    Reply redirect(PicturePath path) {
        PictureStore.Peek peek = store.peek(path.objectName(), ImageType.SIGNATURE_BYTES);
        checkStored(peek, config.allowedTypes());
        PictureStore.Par par = store.par(path.objectName(), AccessType.ObjectRead, expiry());
        logIssued("download", par);
        return Reply.empty(307)
                .header("Location", par.url())
                .header("Cache-Control", "no-store")
                .header("opc-request-id", par.opcRequestId());
    }

    /**
     * The stored type must be an allowed picture type and the first bytes its signature. A stored
     * type that names nothing ({@code application/octet-stream}, what {@code curl -T} leaves) lets
     * the bytes decide, among the allowed types, as an upload through the function does.
     */
    static ImageType checkStored(PictureStore.Peek peek, Set<ImageType> allowed) {
        if (peek.head().length == 0) {
            throw unsupported("the stored object is empty, not a picture");
        }
        String media = peek.contentType() == null ? "" : MultipartForm.mediaType(peek.contentType());
        Optional<ImageType> type = media.isEmpty() || media.equals(OCTET_STREAM)
                ? ImageType.sniff(peek.head()) : ImageType.ofMediaType(media);
        if (type.isEmpty() || !allowed.contains(type.get())) {
            throw unsupported("the stored object is not a picture of an allowed type ("
                    + ImageType.describe(allowed) + "); it is not served");
        }
        if (!type.get().matches(peek.head())) {
            throw unsupported("the stored object's bytes are not " + type.get().mime()
                    + " (their signature does not match its stored type); it is not served");
        }
        return type.get();
    }

    private Date expiry() {
        return Date.from(Instant.now().plusSeconds(config.parTtlSeconds()));
    }

    private void logIssued(String purpose, PictureStore.Par par) {
        log.println("pictures-fn issued a pre-authenticated request to " + purpose + " one object, expires "
                + rfc3339(par.expires()));
    }

    private static String rfc3339(Date date) {
        return DateTimeFormatter.ISO_INSTANT.format(date.toInstant());
    }

    private static FnError unsupported(String message) {
        return new FnError(415, "UnsupportedMediaType", message);
    }
}
