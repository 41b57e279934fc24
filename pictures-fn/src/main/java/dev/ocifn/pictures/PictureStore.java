package dev.ocifn.pictures;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorage;
import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
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
import java.util.function.Supplier;

/**
 * The five Object Storage calls the function makes, on one bucket. Conditional reads that OCI
 * answers with 304 come back as {@link Stored#notModified()}, not as errors.
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

    /** What OCI said about a stored object; {@code bytes} is null for HEAD and 304. */
    record Stored(boolean notModified, byte[] bytes, String contentType, Long size, String etag,
                  String md5, Date lastModified, String opcRequestId) {
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

    Stored get(String objectName, String ifNoneMatch) {
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
        byte[] bytes = readWhole(r);
        return new Stored(false, bytes, r.getContentType(), (long) bytes.length, r.getETag(), r.getContentMd5(),
                r.getLastModified(), r.getOpcRequestId());
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
     * The whole object, which must fit into a function's answer. Checked against the length OCI
     * announced (and its MD5 when it sent one), so a short read is never passed on as the picture.
     */
    private static byte[] readWhole(GetObjectResponse r) {
        Long announced = r.getContentLength();
        try (InputStream in = r.getInputStream()) {
            if (announced != null && announced > MAX_DOWNLOAD) {
                throw tooLargeToReturn(r.getOpcRequestId());
            }
            byte[] bytes = in == null ? new byte[0] : in.readNBytes((int) MAX_DOWNLOAD + 1);
            if (bytes.length > MAX_DOWNLOAD) {
                throw tooLargeToReturn(r.getOpcRequestId());
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

    private static FnError tooLargeToReturn(String opcRequestId) {
        return new FnError(502, "ObjectTooLarge", "the picture is larger than a function may answer ("
                + MAX_DOWNLOAD + " bytes); fetch it from Object Storage directly", opcRequestId, Map.of());
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
