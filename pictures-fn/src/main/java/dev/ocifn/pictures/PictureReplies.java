package dev.ocifn.pictures;

import dev.ocifn.support.Reply;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers about one picture: created, the bytes, the headers only, not modified. */
final class PictureReplies {
    /** Served for anything stored under a type the function would not have accepted. */
    static final String FALLBACK_TYPE = "application/octet-stream";

    private PictureReplies() {
    }

    static Reply created(PicturePath path, Upload upload, PictureStore.Put put, String location) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", path.objectName());
        body.put("userId", path.userId());
        body.put("filename", path.filename().orElseThrow());
        body.put("size", upload.bytes().length);
        body.put("contentType", upload.type().mime());
        body.put("etag", put.etag());
        body.put("md5", put.md5());
        return Reply.json(201, body)
                .header("Location", location)
                .header("ETag", put.etag())
                .header("opc-request-id", put.opcRequestId());
    }

    static Reply download(PictureStore.Stored s) {
        if (s.notModified()) {
            return notModified(s);
        }
        return headers(Reply.bytes(200, servedType(s.contentType()), s.bytes()), s);
    }

    static Reply head(PictureStore.Stored s) {
        if (s.notModified()) {
            return notModified(s);
        }
        return headers(Reply.bytes(200, servedType(s.contentType()), new byte[0]), s);
    }

    /** The same status, type and headers without the body: what HEAD answers where GET would answer this. */
    static Reply withoutBody(Reply reply) {
        Reply bare = Reply.bytes(reply.status(), reply.contentType(), new byte[0]);
        reply.headers().forEach(bare::header);
        return bare;
    }

    private static Reply notModified(PictureStore.Stored s) {
        return Reply.empty(304).header("ETag", s.etag()).header("opc-request-id", s.opcRequestId());
    }

    private static Reply headers(Reply reply, PictureStore.Stored s) {
        return reply
                .header("Content-Length", s.size() == null ? null : String.valueOf(s.size()))
                .header("ETag", s.etag())
                .header("Last-Modified", httpDate(s.lastModified()))
                // User content on the gateway's domain: never let a browser reinterpret it, nor a shared cache keep it.
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private")
                .header("opc-request-id", s.opcRequestId());
    }

    /**
     * The stored type when it is one of the picture types; anything else (an object written by
     * other means, say text/html) goes out as opaque bytes rather than as something a browser renders.
     */
    static String servedType(String stored) {
        if (stored == null) {
            return FALLBACK_TYPE;
        }
        return ImageType.ofMediaType(MultipartForm.mediaType(stored)).map(ImageType::mime).orElse(FALLBACK_TYPE);
    }

    private static String httpDate(Date date) {
        return date == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(date.toInstant().atOffset(ZoneOffset.UTC));
    }
}
