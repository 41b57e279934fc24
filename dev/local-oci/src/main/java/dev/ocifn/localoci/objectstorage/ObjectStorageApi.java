package dev.ocifn.localoci.objectstorage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.JsonFields;
import dev.ocifn.localoci.OciError;
import dev.ocifn.localoci.PathSegment;
import dev.ocifn.localoci.Replies;
import dev.ocifn.localoci.RequestBodies;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object Storage on the local {@link ObjectStore}: GetNamespace, CreateBucket, GetBucket /
 * HeadBucket, ListObjects, and Put / Get / Head / DeleteObject with Content-MD5 checks,
 * If-Match / If-None-Match, byte ranges and opc-meta-* metadata, answered as the service does.
 */
public final class ObjectStorageApi {
    public static final Pattern NAMESPACE = Pattern.compile("/n/?");
    public static final Pattern BUCKETS = Pattern.compile("/n/([^/]+)/b/?");
    public static final Pattern BUCKET = Pattern.compile("/n/([^/]+)/b/([^/]+)/?");
    public static final Pattern OBJECTS = Pattern.compile("/n/([^/]+)/b/([^/]+)/o/?");
    public static final Pattern OBJECT = Pattern.compile("/n/([^/]+)/b/([^/]+)/o/(.+)");

    private final ObjectStore store;
    private final String namespace;
    private PreauthenticatedRequests pars;
    private final String defaultCompartment;

    /** @param storeDir the folder of the {@link ObjectStore}, created when absent */
    public ObjectStorageApi(Path storeDir, String namespace, String defaultCompartment) {
        this.store = new ObjectStore(storeDir);
        this.namespace = namespace;
        this.defaultCompartment = defaultCompartment;
    }

    /** Pre-authenticated requests on this store; their URLs are served unsigned (see LocalOci). */
    public PreauthenticatedRequests pars(java.time.Clock clock, java.util.function.Supplier<String> endpoint) {
        if (pars == null) {
            pars = new PreauthenticatedRequests(store, this, namespace, clock, endpoint);
        }
        return pars;
    }

    /** PutObject signs the generic headers only; its body is not part of the signature. */
    public static boolean bodyUnsigned(String method, String rawPath) {
        return method.equals("PUT") && OBJECT.matcher(rawPath).matches();
    }

    public StubResponse namespace(RecordedRequest request) {
        return Replies.json(200, namespace);
    }

    public StubResponse createBucket(RecordedRequest request) {
        requireNamespace(match(BUCKETS, request).group(1));
        ObjectNode body = RequestBodies.jsonObject(request);
        JsonFields f = JsonFields.REQUEST;
        String name = f.requiredText(body, "", "name");
        String compartmentId = f.requiredText(body, "", "compartmentId");
        if (!ObjectName.validBucket(name)) {
            throw OciError.invalid("name: bucket names hold letters, digits, dashes, underscores and periods, 1 to 256 of them");
        }
        if (!store.createBucket(name, compartmentId)) {
            throw new OciError(409, "BucketAlreadyExists", "Either the bucket '" + name + "' in namespace '" + namespace
                    + "' already exists or you are not authorized to create it");
        }
        ObjectStore.Bucket bucket = store.bucket(name).orElseThrow();
        return Replies.json(200, bucketJson(bucket)).header("ETag", bucket.etag())
                .header("Location", "/n/" + namespace + "/b/" + name);
    }

    public void createBucket(String name) {
        if (!ObjectName.validBucket(name)) {
            throw new IllegalArgumentException("not a valid bucket name: " + name);
        }
        store.createBucket(name, defaultCompartment);
    }

    public List<String> bucketNames() {
        return store.bucketNames();
    }

    public StubResponse bucket(RecordedRequest request) {
        ObjectStore.Bucket bucket = bucket(match(BUCKET, request));
        return Replies.json(200, bucketJson(bucket)).header("ETag", bucket.etag());
    }

    public StubResponse list(RecordedRequest request) {
        ObjectStore.Bucket bucket = bucket(match(OBJECTS, request));
        return Replies.json(200, ObjectListing.list(store, bucket.name(), request));
    }

    public StubResponse put(RecordedRequest request) {
        Matcher m = match(OBJECT, request);
        ObjectStore.Bucket bucket = bucket(m);
        String name = ObjectName.object(m.group(3));
        if (request.header("content-length").isEmpty()) {
            throw new OciError(411, "LengthRequired", "The Content-Length header is required");
        }
        byte[] content = request.body();
        String md5 = md5(content);
        request.header("content-md5").ifPresent(sent -> checkMd5(sent.trim(), md5));
        StoredObject existing = store.object(bucket.name(), name).orElse(null);
        request.header("if-match").ifPresent(etag -> {
            if (existing == null || !matches(etag, existing.etag())) {
                throw new OciError(412, "IfMatchFailed", "The If-Match header does not match the object's ETag");
            }
        });
        request.header("if-none-match").ifPresent(etag -> {
            if (!etag.trim().equals("*")) {
                throw OciError.invalid("If-None-Match: the only value allowed on PUT is '*'");
            }
            if (existing != null) {
                throw new OciError(412, "IfNoneMatchFailed", "The object '" + name + "' already exists");
            }
        });
        String etag = UUID.randomUUID().toString();
        String now = Replies.timestamp(Instant.now());
        StoredObject object = new StoredObject(name, content.length, md5, etag,
                request.header("content-type").orElse("application/octet-stream"),
                request.header("content-language").orElse(null), request.header("content-encoding").orElse(null),
                request.header("cache-control").orElse(null), request.header("content-disposition").orElse(null),
                now, now, metadata(request), ObjectStore.dataFile(name, etag));
        store.put(bucket.name(), object, content);
        return StubResponse.empty(200).header("ETag", etag).header("opc-content-md5", md5)
                .header("last-modified", lastModified(object));
    }

    public StubResponse get(RecordedRequest request) {
        return read(request, true);
    }

    public StubResponse head(RecordedRequest request) {
        return read(request, false);
    }

    public StubResponse delete(RecordedRequest request) {
        Matcher m = match(OBJECT, request);
        ObjectStore.Bucket bucket = bucket(m);
        String name = ObjectName.object(m.group(3));
        StoredObject object = store.object(bucket.name(), name).orElseThrow(() -> objectNotFound(name, bucket.name()));
        request.header("if-match").ifPresent(etag -> {
            if (!matches(etag, object.etag())) {
                throw new OciError(412, "IfMatchFailed", "The If-Match header does not match the object's ETag");
            }
        });
        store.delete(bucket.name(), name);
        return StubResponse.empty(204).header("last-modified", Replies.httpDate(Instant.now()));
    }

    private StubResponse read(RecordedRequest request, boolean withBody) {
        Matcher m = match(OBJECT, request);
        ObjectStore.Bucket bucket = bucket(m);
        String name = ObjectName.object(m.group(3));
        StoredObject object = store.object(bucket.name(), name).orElseThrow(() -> objectNotFound(name, bucket.name()));
        if (request.header("if-match").filter(etag -> !matches(etag, object.etag())).isPresent()) {
            throw new OciError(412, "IfMatchFailed", "The If-Match header does not match the object's ETag");
        }
        if (request.header("if-none-match").filter(etag -> matches(etag, object.etag())).isPresent()) {
            return StubResponse.empty(304).header("ETag", object.etag()).header("last-modified", lastModified(object));
        }
        ByteRange range = withBody ? request.header("range").map(r -> ByteRange.parse(r, object.size())).orElse(null) : null;
        return objectAnswer(store.contentFile(bucket.name(), object), object, range, withBody);
    }

    /**
     * GetObject's or HeadObject's answer, the content streamed from its file (a part of it for a
     * range), with the object's headers; shared with reads through pre-authenticated requests.
     */
    static StubResponse objectAnswer(java.nio.file.Path file, StoredObject object, ByteRange range, boolean withBody) {
        StubResponse response;
        if (range != null) {
            long length = range.last() - range.first() + 1;
            response = StubResponse.stream(206, null, length, () -> FileSlice.open(file, range.first(), length))
                    .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.size());
        } else {
            long length = withBody ? object.size() : 0;
            response = StubResponse.stream(200, null, length, () -> FileSlice.open(file, 0, length));
            // HEAD has no body, so the length is stated here; GET states the same.
            response.header("Content-Length", Long.toString(object.size()));
            response.header("Content-MD5", object.md5()).header("opc-content-md5", object.md5());
        }
        response.header("ETag", object.etag()).header("last-modified", lastModified(object))
                .header("Accept-Ranges", "bytes").header("storage-tier", "Standard");
        headerValues(object).forEach((k, v) -> Replies.withHeader(response, k, v));
        object.metadata().forEach((k, v) -> response.header("opc-meta-" + k, v));
        return response;
    }

    private static Map<String, String> headerValues(StoredObject object) {
        Map<String, String> values = new TreeMap<>();
        putIfPresent(values, "Content-Type", object.contentType());
        putIfPresent(values, "Content-Language", object.contentLanguage());
        putIfPresent(values, "Content-Encoding", object.contentEncoding());
        putIfPresent(values, "Cache-Control", object.cacheControl());
        putIfPresent(values, "Content-Disposition", object.contentDisposition());
        return values;
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }

    /** opc-meta-* request headers, by the name after the prefix (lower case, as HTTP headers are). */
    private static Map<String, String> metadata(RecordedRequest request) {
        return metadata(request.headers());
    }

    static Map<String, String> metadata(Map<String, List<String>> headers) {
        Map<String, String> metadata = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (name.startsWith("opc-meta-") && name.length() > "opc-meta-".length() && !values.isEmpty()) {
                metadata.put(name.substring("opc-meta-".length()), values.get(0));
            }
        });
        return metadata;
    }

    private Matcher match(Pattern pattern, RecordedRequest request) {
        Matcher m = pattern.matcher(request.rawPath());
        if (!m.matches()) {
            throw new IllegalStateException("route and pattern disagree: " + request.rawPath());
        }
        return m;
    }

    private void requireNamespace(String rawNamespace) {
        if (!PathSegment.decode(rawNamespace, "namespace").equals(namespace)) {
            throw new OciError(404, "NamespaceNotFound", "You do not have authorization to perform this request, "
                    + "or the requested resource could not be found.");
        }
    }

    ObjectStore.Bucket bucket(Matcher m) {
        String name = PathSegment.decode(m.group(2), "bucket name");
        if (!PathSegment.decode(m.group(1), "namespace").equals(namespace)) {
            throw bucketNotFound(name);
        }
        return store.bucket(name).orElseThrow(() -> bucketNotFound(name));
    }

    private OciError bucketNotFound(String name) {
        return new OciError(404, "BucketNotFound", "Either the bucket named '" + name + "' does not exist in the namespace '"
                + namespace + "' or you are not authorized to access it");
    }

    static OciError objectNotFound(String name, String bucket) {
        return new OciError(404, "ObjectNotFound", "The object '" + name + "' was not found in the bucket '" + bucket + "'");
    }

    private ObjectNode bucketJson(ObjectStore.Bucket bucket) {
        ObjectNode json = Replies.JSON.createObjectNode();
        json.put("namespace", namespace).put("name", bucket.name()).put("compartmentId", bucket.compartmentId())
                .put("createdBy", "local-oci").put("timeCreated", bucket.timeCreated()).put("etag", bucket.etag())
                .put("publicAccessType", "NoPublicAccess").put("storageTier", "Standard")
                .put("objectEventsEnabled", false).put("versioning", "Disabled")
                .put("approximateCount", store.objectsFrom(bucket.name(), "").size());
        json.putObject("metadata");
        return json;
    }

    static void checkMd5(String sent, String computed) {
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(sent);
        } catch (IllegalArgumentException e) {
            digest = new byte[0];
        }
        if (digest.length != 16) {
            throw OciError.invalid("Content-MD5: must be the base64-encoded MD5 digest of the body");
        }
        if (!sent.equals(computed)) {
            throw new OciError(400, "UnmatchedContentMd5", "The computed MD5 of the request body (" + computed
                    + ") does not match the Content-MD5 header (" + sent + ")");
        }
    }

    /** ETags compare without the quotes some clients add; "*" matches any object. */
    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals("*") || value.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String lastModified(StoredObject object) {
        return Replies.httpDate(Instant.parse(object.timeModified()));
    }

    static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
