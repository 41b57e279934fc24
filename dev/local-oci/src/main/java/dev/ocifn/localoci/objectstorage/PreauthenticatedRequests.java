package dev.ocifn.localoci.objectstorage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ocifn.localoci.JsonFields;
import dev.ocifn.localoci.OciError;
import dev.ocifn.localoci.PathSegment;
import dev.ocifn.localoci.Replies;
import dev.ocifn.localoci.RequestBodies;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object Storage pre-authenticated requests (usingpreauthenticatedrequests.htm):
 * CreatePreauthenticatedRequest on a bucket (signed, as every API call), and the PAR URLs
 * themselves, {@code GET}/{@code HEAD}/{@code PUT /p/{par}/n/{ns}/b/{bucket}/o/{object}}, which need
 * no signature: the URL is the credential. A PAR reaches only its own object (or, for the
 * {@code AnyObject*} types, its bucket's objects), only with the access it grants, and only until
 * it expires; anything else is 404 NotAuthorizedOrNotFound. Objects written through a PAR are
 * stored like any other, streamed to disk as they arrive. PARs live in memory: a restart ends them.
 */
public final class PreauthenticatedRequests {
    public static final Pattern CREATE = Pattern.compile("/n/([^/]+)/b/([^/]+)/p/?");
    /** The unsigned PAR paths start so. */
    public static final String PREFIX = "/p/";
    private static final Pattern ACCESS = Pattern.compile("/p/([^/]+)/n/([^/]+)/b/([^/]+)/o/(.+)");
    private static final Set<String> READ = Set.of("ObjectRead", "ObjectReadWrite", "AnyObjectRead", "AnyObjectReadWrite");
    private static final Set<String> WRITE = Set.of("ObjectWrite", "ObjectReadWrite", "AnyObjectWrite", "AnyObjectReadWrite");
    private static final int COPY_BUFFER = 64 * 1024;

    record Par(String token, String id, String name, String accessType, String bucket, String objectName,
               Instant timeCreated, Instant timeExpires) {
        boolean anyObject() {
            return accessType.startsWith("Any");
        }

        @Override
        public String toString() {
            return "Par[" + name + ", " + accessType + ", expires " + timeExpires + "]";
        }
    }

    private final ObjectStore store;
    private final ObjectStorageApi api;
    private final String namespace;
    private final Clock clock;
    private final java.util.function.Supplier<String> endpoint;
    private final Map<String, Par> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    PreauthenticatedRequests(ObjectStore store, ObjectStorageApi api, String namespace, Clock clock,
                             java.util.function.Supplier<String> endpoint) {
        this.store = store;
        this.api = api;
        this.namespace = namespace;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    /** CreatePreauthenticatedRequest: {@code POST /n/{ns}/b/{bucket}/p/} with CreatePreauthenticatedRequestDetails. */
    public StubResponse create(RecordedRequest request) {
        Matcher m = CREATE.matcher(request.rawPath());
        if (!m.matches()) {
            throw new IllegalStateException("route and pattern disagree: " + request.rawPath());
        }
        ObjectStore.Bucket bucket = api.bucket(m);
        ObjectNode body = RequestBodies.jsonObject(request);
        JsonFields f = JsonFields.REQUEST;
        String name = f.requiredText(body, "", "name");
        String accessType = f.requiredText(body, "", "accessType");
        String expiresText = f.requiredText(body, "", "timeExpires");
        if (!READ.contains(accessType) && !WRITE.contains(accessType)) {
            throw OciError.invalid("accessType: must be one of ObjectRead, ObjectWrite, ObjectReadWrite, "
                    + "AnyObjectRead, AnyObjectWrite, AnyObjectReadWrite");
        }
        if (name.isEmpty() || name.length() > 1024) {
            throw OciError.invalid("name: must be 1 to 1024 characters");
        }
        Instant expires;
        try {
            expires = Instant.parse(expiresText);
        } catch (DateTimeParseException e) {
            throw OciError.invalid("timeExpires: must be an RFC 3339 timestamp");
        }
        Instant now = clock.instant();
        if (!expires.isAfter(now)) {
            throw OciError.invalid("timeExpires: must be in the future");
        }
        String objectName = body.hasNonNull("objectName") ? body.get("objectName").asText() : null;
        if (!accessType.startsWith("Any")) {
            if (objectName == null) {
                throw OciError.invalid("objectName: required for accessType " + accessType);
            }
            ObjectName.object(encode(objectName)); // the same rules as any object name
        }
        byte[] secret = new byte[48];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Par par = new Par(token, UUID.randomUUID().toString(), name, accessType, bucket.name(), objectName, now, expires);
        byToken.put(token, par);
        String accessUri = PREFIX + token + "/n/" + namespace + "/b/" + bucket.name() + "/o/"
                + (objectName == null ? "" : encode(objectName));
        ObjectNode answer = Replies.JSON.createObjectNode().put("id", par.id()).put("name", name)
                .put("accessUri", accessUri).put("fullPath", endpoint.get() + accessUri).put("accessType", accessType)
                .put("timeCreated", Replies.timestamp(now)).put("timeExpires", Replies.timestamp(expires));
        if (objectName != null) {
            answer.put("objectName", objectName);
        } else {
            answer.put("bucketListingAction", "Deny");
        }
        return Replies.json(200, answer);
    }

    /** A request on a PAR URL: no signature, the path is the credential. */
    public void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            StubResponse response;
            try {
                response = answer(exchange);
            } catch (OciError e) {
                response = Replies.error(e);
            }
            send(exchange, response);
        }
    }

    private StubResponse answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Matcher m = ACCESS.matcher(exchange.getRequestURI().getRawPath());
        Par par = m.matches() ? byToken.get(m.group(1)) : null;
        if (par == null || !clock.instant().isBefore(par.timeExpires())) {
            if (par != null) {
                byToken.remove(par.token());
            }
            throw OciError.notFound("The pre-authenticated request does not exist or has expired");
        }
        String name = ObjectName.object(m.group(4));
        boolean sameTarget = PathSegment.decode(m.group(2), "namespace").equals(namespace)
                && PathSegment.decode(m.group(3), "bucket name").equals(par.bucket())
                && (par.anyObject() || name.equals(par.objectName()));
        boolean read = method.equals("GET") || method.equals("HEAD");
        boolean allowed = read ? READ.contains(par.accessType()) : method.equals("PUT") && WRITE.contains(par.accessType());
        if (!sameTarget || !allowed) {
            throw OciError.notFound("Authorization failed or requested resource not found.");
        }
        if (store.bucket(par.bucket()).isEmpty()) {
            throw OciError.notFound("Authorization failed or requested resource not found.");
        }
        return read ? read(exchange, par.bucket(), name, method.equals("GET")) : write(exchange, par.bucket(), name);
    }

    private StubResponse read(HttpExchange exchange, String bucket, String name, boolean withBody) {
        StoredObject object = store.object(bucket, name)
                .orElseThrow(() -> ObjectStorageApi.objectNotFound(name, bucket));
        String rangeHeader = exchange.getRequestHeaders().getFirst("Range");
        ByteRange range = withBody && rangeHeader != null ? ByteRange.parse(rangeHeader, object.size()) : null;
        return ObjectStorageApi.objectAnswer(store.contentFile(bucket, object), object, range, withBody);
    }

    /** PutObject through the PAR: the body goes to a temporary file as it arrives, then becomes the object. */
    private StubResponse write(HttpExchange exchange, String bucket, String name) throws IOException {
        String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader == null) {
            throw new OciError(411, "LengthRequired", "The Content-Length header is required");
        }
        long length;
        try {
            length = Long.parseLong(lengthHeader.trim());
        } catch (NumberFormatException e) {
            throw OciError.invalid("Content-Length: must be a number");
        }
        Path temp = store.newTempFile(bucket);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long received;
            try (InputStream in = new DigestInputStream(exchange.getRequestBody(), md5);
                 OutputStream out = Files.newOutputStream(temp)) {
                received = copy(in, out);
            }
            if (received != length) {
                throw OciError.invalid("The request body ended after " + received + " of " + length + " bytes");
            }
            String computed = Base64.getEncoder().encodeToString(md5.digest());
            String sent = exchange.getRequestHeaders().getFirst("Content-MD5");
            if (sent != null) {
                ObjectStorageApi.checkMd5(sent.trim(), computed);
            }
            String etag = UUID.randomUUID().toString();
            String now = Replies.timestamp(clock.instant());
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            StoredObject object = new StoredObject(name, received, computed, etag,
                    first(headers, "content-type", "application/octet-stream"), first(headers, "content-language", null),
                    first(headers, "content-encoding", null), first(headers, "cache-control", null),
                    first(headers, "content-disposition", null), now, now, ObjectStorageApi.metadata(headers),
                    ObjectStore.dataFile(name, etag));
            store.putFile(bucket, object, temp);
            return StubResponse.empty(200).header("ETag", etag).header("opc-content-md5", computed)
                    .header("last-modified", ObjectStorageApi.lastModified(object));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static String first(Map<String, List<String>> headers, String name, String otherwise) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }

    private static void send(HttpExchange exchange, StubResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("opc-request-id", UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        if (response.stream() != null) {
            long length = head ? -1 : response.streamLength() == 0 ? -1 : response.streamLength();
            exchange.sendResponseHeaders(response.status(), length);
            if (length > 0) {
                try (InputStream in = response.stream().open(); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
            return;
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Percent-encodes an object name as one path segment (UTF-8, unreserved characters kept). */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
