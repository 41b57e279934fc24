package dev.ocifn.pictures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Object Storage bucket in memory, served by the signature-checking {@link FakeOciServer}
 * with the paths, headers and errors of the real API: GetNamespace, PutObject (checking
 * Content-MD5, answering 400 on a mismatch), GetObject and HeadObject (with If-None-Match),
 * DeleteObject and ListObjects (prefix, start, limit, fields, nextStartWith), a single byte Range on
 * GetObject, and CreatePreauthenticatedRequest (kept in {@link #pars()}). PutObject is the one
 * call whose body is not signed, as in OCI; every other call must be signed in full.
 */
final class InMemoryBucket {
    static final String NAMESPACE = "testns";
    private static final Pattern OBJECT = Pattern.compile("/n/([^/]+)/b/([^/]+)/o/([^/]+)");
    private static final Pattern LIST = Pattern.compile("/n/([^/]+)/b/([^/]+)/o");
    private static final Pattern PARS = Pattern.compile("/n/([^/]+)/b/([^/]+)/p/?");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Stored(byte[] bytes, String contentType, String etag, String md5, Instant created) {
    }

    /** A pre-authenticated request as it was asked for, and the access URI answered. */
    record Par(String name, String accessType, String objectName, Instant timeExpires, String accessUri) {
    }

    private final String bucket;
    private final NavigableMap<String, Stored> objects = new ConcurrentSkipListMap<>();
    private volatile boolean corruptNextPut;
    private final List<Par> pars = new java.util.concurrent.CopyOnWriteArrayList<>();

    InMemoryBucket(String bucket) {
        this.bucket = bucket;
    }

    /** Adds this bucket's routes to the server and marks PutObject as the call with an unsigned body. */
    InMemoryBucket install(FakeOciServer oci) {
        oci.bodyNotSignedFor((method, rawPath) -> method.equals("PUT") && rawPath.contains("/o/"));
        oci.on("GET", "/n/?", r -> StubResponse.json(200, "\"" + NAMESPACE + "\""));
        oci.on("PUT", OBJECT.pattern(), this::put);
        oci.on("GET", OBJECT.pattern(), r -> read(r, true));
        oci.on("HEAD", OBJECT.pattern(), r -> read(r, false));
        oci.on("DELETE", OBJECT.pattern(), this::delete);
        oci.on("GET", LIST.pattern(), this::list);
        oci.on("POST", PARS.pattern(), this::createPar);
        return this;
    }

    /** The pre-authenticated requests created so far. */
    List<Par> pars() {
        return pars;
    }

    private StubResponse createPar(RecordedRequest r) {
        Matcher m = PARS.matcher(r.rawPath());
        if (!m.matches()) {
            throw new AssertionError("route and pattern disagree: " + r.rawPath());
        }
        StubResponse missing = missingBucket(m.group(1), m.group(2));
        if (missing != null) {
            return missing;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(r.body());
            String objectName = body.path("objectName").asText();
            String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
            String accessUri = "/p/" + token + "/n/" + NAMESPACE + "/b/" + bucket + "/o/"
                    + java.net.URLEncoder.encode(objectName, StandardCharsets.UTF_8).replace("+", "%20");
            Instant expires = Instant.parse(body.path("timeExpires").asText());
            Par par = new Par(body.path("name").asText(), body.path("accessType").asText(), objectName, expires, accessUri);
            pars.add(par);
            ObjectNode answer = JSON.createObjectNode().put("id", "par-id-" + pars.size()).put("name", par.name())
                    .put("accessUri", accessUri).put("objectName", objectName).put("accessType", par.accessType())
                    .put("timeCreated", Instant.now().toString()).put("timeExpires", expires.toString());
            return StubResponse.json(200, answer.toString());
        } catch (java.io.IOException | RuntimeException e) {
            return StubResponse.error(400, "InvalidParameter", "not a CreatePreauthenticatedRequestDetails body");
        }
    }

    /** Stores an object directly, as another writer of the bucket would. */
    Stored preload(String name, String contentType, byte[] bytes) {
        Stored s = stored(contentType, bytes);
        objects.put(name, s);
        return s;
    }

    /** An object as the bucket would keep it, with a fresh ETag. */
    static Stored stored(String contentType, byte[] bytes) {
        return new Stored(bytes.clone(), contentType, UUID.randomUUID().toString(), md5(bytes), Instant.now());
    }

    Stored object(String name) {
        return objects.get(name);
    }

    Map<String, Stored> objects() {
        return objects;
    }

    /** The next PutObject body changes by one byte on its way, as a broken network would change it. */
    void corruptNextPut() {
        corruptNextPut = true;
    }

    private StubResponse put(RecordedRequest r) {
        Matcher m = matchObject(r);
        StubResponse missing = missingBucket(m.group(1), m.group(2));
        if (missing != null) {
            return missing;
        }
        byte[] body = r.body().clone();
        if (corruptNextPut && body.length > 0) {
            corruptNextPut = false;
            body[body.length / 2] ^= 0x01;
        }
        String md5 = md5(body);
        String sent = r.header("content-md5").orElse(null);
        if (sent != null && !sent.equals(md5)) {
            return StubResponse.error(400, "UnmatchedContentMD5", "The computed MD5 of the request body (" + md5
                    + ") does not match the Content-MD5 header (" + sent + ")");
        }
        Stored s = new Stored(body, r.header("content-type").orElse("application/octet-stream"),
                UUID.randomUUID().toString(), md5, Instant.now());
        objects.put(decode(m.group(3)), s);
        return StubResponse.empty(200).header("ETag", s.etag()).header("opc-content-md5", md5)
                .header("last-modified", HTTP_DATE.format(s.created()));
    }

    private StubResponse read(RecordedRequest r, boolean withBody) {
        Matcher m = matchObject(r);
        StubResponse missing = missingBucket(m.group(1), m.group(2));
        if (missing != null) {
            return missing;
        }
        String name = decode(m.group(3));
        Stored s = objects.get(name);
        if (s == null) {
            return notFound(name);
        }
        String ifNoneMatch = r.header("if-none-match").orElse(null);
        if (ifNoneMatch != null && (ifNoneMatch.equals("*") || ifNoneMatch.equals(s.etag()))) {
            return StubResponse.empty(304).header("ETag", s.etag());
        }
        String range = r.header("range").orElse(null);
        if (withBody && range != null) {
            return rangeAnswer(s, range);
        }
        return withBody ? getAnswer(s) : headAnswer(s);
    }

    /** A single range {@code bytes=a-b}: 206 with Content-Range, or 416 when the object has no byte a. */
    private static StubResponse rangeAnswer(Stored s, String range) {
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
            return StubResponse.error(400, "InvalidParameter", "unsupported Range " + range);
        }
        int first = Integer.parseInt(m.group(1));
        int last = Math.min(Integer.parseInt(m.group(2)), s.bytes().length - 1);
        if (first >= s.bytes().length) {
            return StubResponse.error(416, "InvalidRange", "The requested range is not satisfiable");
        }
        byte[] part = Arrays.copyOfRange(s.bytes(), first, last + 1);
        return StubResponse.bytes(206, s.contentType(), part).header("ETag", s.etag())
                .header("Content-Range", "bytes " + first + "-" + last + "/" + s.bytes().length)
                .header("Last-Modified", HTTP_DATE.format(s.created()));
    }

    /** GetObject's answer for a stored object: its bytes, type, ETag, MD5 and date. */
    static StubResponse getAnswer(Stored s) {
        return withObjectHeaders(StubResponse.bytes(200, s.contentType(), s.bytes()), s);
    }

    private static StubResponse headAnswer(Stored s) {
        // A HEAD answer has no body; the length it would have travels in this header alone.
        StubResponse answer = StubResponse.bytes(200, s.contentType(), new byte[0])
                .header("Content-Length", String.valueOf(s.bytes().length));
        return withObjectHeaders(answer, s);
    }

    private static StubResponse withObjectHeaders(StubResponse answer, Stored s) {
        return answer.header("ETag", s.etag()).header("Content-MD5", s.md5())
                .header("Last-Modified", HTTP_DATE.format(s.created()));
    }

    private StubResponse delete(RecordedRequest r) {
        Matcher m = matchObject(r);
        StubResponse missing = missingBucket(m.group(1), m.group(2));
        if (missing != null) {
            return missing;
        }
        String name = decode(m.group(3));
        return objects.remove(name) == null ? notFound(name) : StubResponse.empty(204);
    }

    private StubResponse list(RecordedRequest r) {
        Matcher m = LIST.matcher(r.rawPath());
        if (!m.matches()) {
            throw new AssertionError("route and pattern disagree: " + r.rawPath());
        }
        StubResponse missing = missingBucket(m.group(1), m.group(2));
        if (missing != null) {
            return missing;
        }
        String prefix = r.query("prefix").orElse("");
        String start = r.query("start").orElse("");
        int limit = r.query("limit").map(Integer::parseInt).orElse(1000);
        List<String> fields = Arrays.asList(r.query("fields").orElse("name").split(","));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("objects");
        for (Map.Entry<String, Stored> e : objects.tailMap(start, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (items.size() == limit) {
                answer.put("nextStartWith", e.getKey());
                break;
            }
            ObjectNode o = items.addObject().put("name", e.getKey());
            Stored s = e.getValue();
            if (fields.contains("size")) {
                o.put("size", s.bytes().length);
            }
            if (fields.contains("etag")) {
                o.put("etag", s.etag());
            }
            if (fields.contains("md5")) {
                o.put("md5", s.md5());
            }
            if (fields.contains("timeCreated")) {
                o.put("timeCreated", s.created().toString());
            }
        }
        return StubResponse.json(200, answer.toString());
    }

    private StubResponse missingBucket(String namespace, String bucketName) {
        if (!namespace.equals(NAMESPACE)) {
            return StubResponse.error(404, "NamespaceNotFound", "Either the namespace does not exist or you are not authorized");
        }
        if (!decode(bucketName).equals(bucket)) {
            return StubResponse.error(404, "BucketNotFound", "Either the bucket does not exist or you are not authorized");
        }
        return null;
    }

    private static StubResponse notFound(String name) {
        return StubResponse.error(404, "ObjectNotFound", "The object '" + name + "' was not found in the bucket");
    }

    private static Matcher matchObject(RecordedRequest r) {
        Matcher m = OBJECT.matcher(r.rawPath());
        if (!m.matches()) {
            throw new AssertionError("route and pattern disagree: " + r.rawPath());
        }
        return m;
    }

    /** One path segment, percent-decoded; '+' is a plus in a path. */
    static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
