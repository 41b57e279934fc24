package dev.ocifn.pictures;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.model.Range;
import com.oracle.bmc.objectstorage.ObjectStorage;
import com.oracle.bmc.objectstorage.model.CreatePreauthenticatedRequestDetails;
import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.model.PreauthenticatedRequest;
import com.oracle.bmc.objectstorage.requests.CreatePreauthenticatedRequestRequest;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.responses.CreatePreauthenticatedRequestResponse;
import com.oracle.bmc.objectstorage.responses.DeleteObjectResponse;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.objectstorage.responses.HeadObjectResponse;
import com.oracle.bmc.objectstorage.responses.ListObjectsResponse;
import com.oracle.bmc.objectstorage.responses.PutObjectResponse;
import dev.ocifn.support.Boundary;
import dev.ocifn.support.FnError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Object Storage calls the function makes, on one bucket: the five object calls, a ranged
 * read of an object's first bytes, and CreatePreauthenticatedRequest for one object. Conditional
 * reads that OCI answers with 304 come back as {@link Stored#notModified()}, not as errors.
 */
final class PictureStore {
    /** What the listing asks for: OCI's list cannot return content types, only these. */
    static final String LIST_FIELDS = "name,size,etag,md5,timeCreated";
    /** A function's answer cannot carry more than its body limit. */
    static final long MAX_DOWNLOAD = Boundary.FN_BODY_LIMIT;

    private final Supplier<? extends ObjectStorage> client;
    private final Supplier<String> namespace;
    private final String bucket;

    PictureStore(Supplier<? extends ObjectStorage> client, Supplier<String> namespace, String bucket) {
        this.client = client;
        this.namespace = namespace;
        this.bucket = bucket;
    }

    /**
     * What OCI said about a stored object; {@code bytes} is null for HEAD, 304 and an object
     * larger than the function answers inline ({@code tooLarge}).
     */
    record Stored(boolean notModified, byte[] bytes, String contentType, Long size, String etag,
                  String md5, Date lastModified, String opcRequestId, boolean tooLarge) {
        Stored(boolean notModified, byte[] bytes, String contentType, Long size, String etag,
               String md5, Date lastModified, String opcRequestId) {
            this(notModified, bytes, contentType, size, etag, md5, lastModified, opcRequestId, false);
        }
    }

    /** An object's stored type and first bytes, and its whole size; {@code head} is empty for an empty object. */
    record Peek(byte[] head, String contentType, Long size, String opcRequestId) {
    }

    /**
     * A pre-authenticated request: {@code url} is a bearer secret (whoever holds it may use it
     * until it expires), so it goes to the caller and nowhere else, never into a log.
     */
    record Par(String url, Date expires, String opcRequestId) {
        @Override
        public String toString() {
            return "Par[expires=" + expires + "]";
        }
    }

    record Put(String etag, String md5, String opcRequestId) {
    }

    Put put(String objectName, Upload upload) {
        PutObjectResponse r = client.get().putObject(PutObjectRequest.builder()
                .namespaceName(namespace.get())
                .bucketName(bucket)
                .objectName(objectName)
                .contentLength((long) upload.bytes().length)
                .contentType(upload.type().mime())
                .contentMD5(upload.md5())
                .putObjectBody(new ByteArrayInputStream(upload.bytes()))
                .build());
        // OCI checked Content-MD5 itself; a different digest in its answer would mean it stored something else.
        if (r.getOpcContentMd5() != null && !r.getOpcContentMd5().equals(upload.md5())) {
            throw new FnError(502, "BadGateway", "Object Storage reports a different MD5 for the stored picture",
                    r.getOpcRequestId(), Map.of());
        }
        return new Put(r.getETag(), r.getOpcContentMd5() == null ? upload.md5() : r.getOpcContentMd5(), r.getOpcRequestId());
    }

    /**
     * @param inlineMax the largest object read into the answer; a larger one is not read at all
     *                  and comes back {@code tooLarge}, for a redirect instead
     */
    Stored get(String objectName, String ifNoneMatch, long inlineMax) {
        GetObjectResponse r;
        try {
            r = client.get().getObject(GetObjectRequest.builder()
                    .namespaceName(namespace.get()).bucketName(bucket).objectName(objectName)
                    .ifNoneMatch(ifNoneMatch).build());
        } catch (BmcException e) {
            return notModifiedOrThrow(e, ifNoneMatch);
        }
        if (r.isNotModified()) {
            close(r.getInputStream());
            return new Stored(true, null, null, null, r.getETag(), null, null, r.getOpcRequestId());
        }
        byte[] bytes = readWhole(r, inlineMax);
        if (bytes == null) {
            return new Stored(false, null, r.getContentType(), r.getContentLength(), r.getETag(), null, null,
                    r.getOpcRequestId(), true);
        }
        return new Stored(false, bytes, r.getContentType(), (long) bytes.length, r.getETag(), r.getContentMd5(),
                r.getLastModified(), r.getOpcRequestId());
    }

    /** The stored type and the first {@code count} bytes, by a ranged read; OCI's 404 surfaces as BmcException. */
    Peek peek(String objectName, int count) {
        GetObjectResponse r;
        try {
            r = client.get().getObject(GetObjectRequest.builder()
                    .namespaceName(namespace.get()).bucketName(bucket).objectName(objectName)
                    .range(new Range(0L, (long) count - 1)).build());
        } catch (BmcException e) {
            if (e.getStatusCode() == 416) {
                // No first byte to read: the object is empty.
                return new Peek(new byte[0], null, 0L, e.getOpcRequestId());
            }
            throw e;
        }
        try (InputStream in = r.getInputStream()) {
            byte[] head = in == null ? new byte[0] : in.readNBytes(count);
            Long size = r.getContentRange() != null && r.getContentRange().getContentLength() != null
                    ? r.getContentRange().getContentLength() : r.getContentLength();
            return new Peek(head, r.getContentType(), size, r.getOpcRequestId());
        } catch (IOException e) {
            throw new FnError(502, "BadGateway", "the connection to Object Storage broke while reading the picture",
                    r.getOpcRequestId(), Map.of());
        }
    }

    /**
     * A pre-authenticated request for this one object (ObjectRead or ObjectWrite), expiring at
     * {@code expires}; its URL is the client's Object Storage endpoint followed by the answer's
     * {@code accessUri} (usingpreauthenticatedrequests.htm). The PAR's name says what it is for,
     * never whose picture it is.
     */
    Par par(String objectName, CreatePreauthenticatedRequestDetails.AccessType access, Date expires) {
        String purpose = access == CreatePreauthenticatedRequestDetails.AccessType.ObjectWrite ? "upload" : "download";
        CreatePreauthenticatedRequestResponse r = client.get().createPreauthenticatedRequest(
                CreatePreauthenticatedRequestRequest.builder()
                        .namespaceName(namespace.get()).bucketName(bucket)
                        .createPreauthenticatedRequestDetails(CreatePreauthenticatedRequestDetails.builder()
                                .name("pictures-fn-" + purpose + "-" + UUID.randomUUID())
                                .objectName(objectName).accessType(access).timeExpires(expires).build())
                        .build());
        PreauthenticatedRequest par = r.getPreauthenticatedRequest();
        if (par == null || par.getAccessUri() == null || !par.getAccessUri().startsWith("/")) {
            throw new FnError(502, "BadGateway", "Object Storage answered a pre-authenticated request without its access URI",
                    r.getOpcRequestId(), Map.of());
        }
        String endpoint = client.get().getEndpoint();
        if (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        return new Par(endpoint + par.getAccessUri(), par.getTimeExpires() == null ? expires : par.getTimeExpires(),
                r.getOpcRequestId());
    }

    Stored head(String objectName, String ifNoneMatch) {
        HeadObjectResponse r;
        try {
            r = client.get().headObject(HeadObjectRequest.builder()
                    .namespaceName(namespace.get()).bucketName(bucket).objectName(objectName)
                    .ifNoneMatch(ifNoneMatch).build());
        } catch (BmcException e) {
            return notModifiedOrThrow(e, ifNoneMatch);
        }
        return new Stored(r.isNotModified(), null, r.getContentType(), r.getContentLength(), r.getETag(),
                r.getContentMd5(), r.getLastModified(), r.getOpcRequestId());
    }

    /** The opc-request-id of the deletion; OCI's 404 surfaces as BmcException. */
    String delete(String objectName) {
        DeleteObjectResponse r = client.get().deleteObject(DeleteObjectRequest.builder()
                .namespaceName(namespace.get()).bucketName(bucket).objectName(objectName).build());
        return r.getOpcRequestId();
    }

    record Page(ListObjects objects, String opcRequestId) {
    }

    Page list(String prefix, String start, int limit) {
        ListObjectsResponse r = client.get().listObjects(ListObjectsRequest.builder()
                .namespaceName(namespace.get()).bucketName(bucket)
                .prefix(prefix).start(start).limit(limit).fields(LIST_FIELDS).build());
        return new Page(r.getListObjects(), r.getOpcRequestId());
    }

    /** Some SDK paths raise a 304 as an exception; it is still the answer to a conditional read. */
    private static Stored notModifiedOrThrow(BmcException e, String ifNoneMatch) {
        if (e.getStatusCode() == 304 && ifNoneMatch != null) {
            // The exception carries no headers; the ETag that matched is the one asked about, if it was only one.
            boolean single = !ifNoneMatch.equals("*") && !ifNoneMatch.contains(",");
            return new Stored(true, null, null, null, single ? ifNoneMatch : null, null, null, e.getOpcRequestId());
        }
        throw e;
    }

    /**
     * The whole object, or null when it is larger than {@code inlineMax} (then the rest is not
     * read: closing the stream ends the transfer). Checked against the length OCI announced (and
     * its MD5 when it sent one), so a short read is never passed on as the picture.
     */
    private static byte[] readWhole(GetObjectResponse r, long inlineMax) {
        Long announced = r.getContentLength();
        long limit = Math.min(inlineMax, MAX_DOWNLOAD);
        try (InputStream in = r.getInputStream()) {
            if (announced != null && announced > limit) {
                return null;
            }
            byte[] bytes = in == null ? new byte[0] : in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                return null;
            }
            if ((announced != null && announced != bytes.length)
                    || (r.getContentMd5() != null && !r.getContentMd5().equals(Upload.md5(bytes)))) {
                throw new FnError(502, "BadGateway", "the picture arrived incomplete or changed from Object Storage",
                        r.getOpcRequestId(), Map.of());
            }
            return bytes;
        } catch (IOException e) {
            throw new FnError(502, "BadGateway", "the connection to Object Storage broke while reading the picture",
                    r.getOpcRequestId(), Map.of());
        }
    }

    private static void close(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was read from it; the connection is released either way
        }
    }
}
