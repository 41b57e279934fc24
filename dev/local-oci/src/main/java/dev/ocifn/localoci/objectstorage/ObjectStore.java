package dev.ocifn.localoci.objectstorage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.Replies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Buckets and objects on local disk, kept across restarts:
 * <pre>
 * storeDir/buckets/&lt;bucket&gt;/bucket.json                  name, compartment, creation time
 * storeDir/buckets/&lt;bucket&gt;/objects/&lt;sha256(name)&gt;.json      the object's {@link StoredObject}
 * storeDir/buckets/&lt;bucket&gt;/objects/&lt;sha256(name)&gt;.&lt;etag&gt;.data the content
 * </pre>
 * Object names never reach the file system (they are hashed), so no name can escape storeDir.
 * Every file is written to a temporary file and moved into place; the sidecar is moved last
 * and is the commit point, so a crash leaves either the old object or the new one, and the
 * start-up scan removes whatever content no sidecar points at.
 */
final class ObjectStore {
    private static final String TEMP = ".tmp";
    private static final int READABLE_BUCKET_DIR = 180;
    /** Sidecars are only trusted to point at a content file of this shape, in the same folder. */
    private static final Pattern DATA_FILE = Pattern.compile("[0-9a-f]{64}\\.[0-9a-f-]{36}\\.data");

    /** A bucket and its objects by name, in name order. */
    record Bucket(String name, String compartmentId, String timeCreated, String etag, Path dir,
                  TreeMap<String, StoredObject> objects) {
        Path objectsDir() {
            return dir.resolve("objects");
        }
    }

    private final Path buckets;
    private final Map<String, Bucket> byName = new TreeMap<>();

    ObjectStore(Path storeDir) {
        this.buckets = storeDir.toAbsolutePath().normalize().resolve("buckets");
        try {
            Files.createDirectories(buckets);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the object store in " + storeDir, e);
        }
    }

    /** @return false when the bucket existed already */
    synchronized boolean createBucket(String name, String compartmentId) {
        if (byName.containsKey(name)) {
            return false;
        }
        Path dir = buckets.resolve(bucketDir(name));
        String created = Replies.timestamp(Instant.now());
        String etag = UUID.randomUUID().toString();
        ObjectNode json = Replies.JSON.createObjectNode().put("name", name).put("compartmentId", compartmentId)
                .put("timeCreated", created).put("etag", etag);
        try {
            Files.createDirectories(dir.resolve("objects"));
            writeAtomically(dir.resolve("bucket.json"), Replies.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byName.put(name, new Bucket(name, compartmentId, created, etag, dir, new TreeMap<>()));
        return true;
    }

    synchronized Optional<Bucket> bucket(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    synchronized List<String> bucketNames() {
        return List.copyOf(byName.keySet());
    }

    synchronized Optional<StoredObject> object(String bucket, String name) {
        return Optional.ofNullable(byName.get(bucket)).map(b -> b.objects().get(name));
    }

    /** A snapshot of a bucket's objects from {@code from} on, in name order. */
    synchronized List<StoredObject> objectsFrom(String bucket, String from) {
        Bucket b = byName.get(bucket);
        return b == null ? List.of() : new ArrayList<>(b.objects().tailMap(from, true).values());
    }

    synchronized byte[] content(String bucket, StoredObject object) {
        try {
            return Files.readAllBytes(byName.get(bucket).objectsDir().resolve(object.dataFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file holding an object's current content, to be read as a stream. */
    synchronized Path contentFile(String bucket, StoredObject object) {
        return byName.get(bucket).objectsDir().resolve(object.dataFile());
    }

    /**
     * A new temporary file in the bucket's folder, for content that arrives as a stream; the
     * start-up scan removes it if it is never committed with {@link #putFile}.
     */
    synchronized Path newTempFile(String bucket) throws IOException {
        return byName.get(bucket).objectsDir().resolve("upload." + UUID.randomUUID() + TEMP);
    }

    /**
     * Stores the content written to {@code temp} (moved into place, not copied) and its sidecar,
     * as {@link #put} does for content in memory.
     */
    synchronized void putFile(String bucket, StoredObject object, Path temp) {
        try {
            moveAtomically(temp, byName.get(bucket).objectsDir().resolve(object.dataFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commit(bucket, object);
    }

    /** Stores the content and its sidecar; the object's previous content goes afterwards. */
    synchronized void put(String bucket, StoredObject object, byte[] content) {
        try {
            writeAtomically(byName.get(bucket).objectsDir().resolve(object.dataFile()), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commit(bucket, object);
    }

    /** Writes the sidecar (the commit point) for content already in place, then drops the previous content. */
    private void commit(String bucket, StoredObject object) {
        Bucket b = byName.get(bucket);
        Path objects = b.objectsDir();
        StoredObject previous = b.objects().get(object.name());
        try {
            writeAtomically(objects.resolve(hash(object.name()) + ".json"), Replies.JSON.writeValueAsBytes(object));
            b.objects().put(object.name(), object);
            if (previous != null && !previous.dataFile().equals(object.dataFile())) {
                Files.deleteIfExists(objects.resolve(previous.dataFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized boolean delete(String bucket, String name) {
        Bucket b = byName.get(bucket);
        StoredObject object = b.objects().remove(name);
        if (object == null) {
            return false;
        }
        try {
            Files.deleteIfExists(b.objectsDir().resolve(hash(name) + ".json"));
            Files.deleteIfExists(b.objectsDir().resolve(object.dataFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The content file of a new version: per name and per etag, so old and new never share a file. */
    static String dataFile(String name, String etag) {
        return hash(name) + "." + etag + ".data";
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(buckets)) {
            for (Path dir : dirs) {
                Path json = dir.resolve("bucket.json");
                if (!Files.isRegularFile(json)) {
                    continue;
                }
                ObjectNode meta = (ObjectNode) Replies.JSON.readTree(json.toFile());
                Bucket bucket = new Bucket(meta.path("name").asText(), meta.path("compartmentId").asText(null),
                        meta.path("timeCreated").asText(), meta.path("etag").asText(), dir, new TreeMap<>());
                Files.createDirectories(bucket.objectsDir());
                loadObjects(bucket);
                byName.put(bucket.name(), bucket);
            }
        }
    }

    private static void loadObjects(Bucket bucket) throws IOException {
        Set<String> referenced = new HashSet<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(bucket.objectsDir())) {
            all.forEach(files::add);
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(".json")) {
                StoredObject object;
                try {
                    object = Replies.JSON.readValue(file.toFile(), StoredObject.class);
                } catch (IOException e) {
                    System.getLogger(ObjectStore.class.getName()).log(System.Logger.Level.WARNING,
                            "local-oci: skipping unreadable object metadata " + file + ": " + e.getMessage());
                    continue;
                }
                if (object.dataFile() != null && DATA_FILE.matcher(object.dataFile()).matches()
                        && Files.isRegularFile(bucket.objectsDir().resolve(object.dataFile()))) {
                    bucket.objects().put(object.name(), object);
                    referenced.add(object.dataFile());
                }
            }
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(TEMP) || (fileName.endsWith(".data") && !referenced.contains(fileName))) {
                Files.deleteIfExists(file); // left by an interrupted write
            }
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + TEMP);
        try {
            Files.write(temp, content);
            moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A readable folder name for a bucket (bucket names are safe ones). The hash suffix keeps
     * "Photos" and "photos", two buckets to OCI, apart on a case-insensitive file system.
     */
    private static String bucketDir(String name) {
        String suffix = hash(name).substring(0, 12);
        return name.length() <= READABLE_BUCKET_DIR ? name + "-" + suffix : "b-" + hash(name);
    }

    private static String hash(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
