package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocifn.ocifake.GeneratedBytes;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Pictures larger than a function can carry, end to end through the local stack: an upload URL
 * from the gateway, the bytes streamed straight to local OCI through the write PAR (generated as
 * they are sent, never held whole in memory by the test or by local OCI), then a GET through the
 * gateway that answers 307 to a read PAR, followed to byte-identical content. Every log line of the
 * stack is kept and searched for PAR URLs.
 */
public class PicturesThroughParsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
    private static LocalStack stack;
    private static String token;
    private static String otherToken;
    private static StderrCapture log;

    @BeforeClass
    public static void start() throws Exception {
        log = StderrCapture.start();
        stack = LocalStack.start(LocalStack.Options.local(REPOSITORY, Files.createTempDirectory("local-stack-pars"))
                .withRequestsPerSecond(1000), log.stream);
        token = fetchToken(LocalStack.CLIENT_ID);
        otherToken = fetchToken(LocalStack.OTHER_CLIENT_ID);
    }

    @AfterClass
    public static void stop() {
        stack.close();
        log.close();
    }

    private static String fetchToken(String client) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.identity().url() + "/oauth2/v1/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (client + ":" + LocalStack.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(LocalStack.AUDIENCE + "pictures", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static String pictureUrl(String user, String name) {
        return stack.deploymentUrl("pictures-fn") + "/" + user + "/" + name;
    }

    private static HttpResponse<byte[]> gateway(String method, String url, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The write PAR's answer for this picture of the stack's own client. */
    private static JsonNode uploadUrl(String name) throws Exception {
        HttpResponse<byte[]> r = gateway("POST", pictureUrl(LocalStack.CLIENT_ID, name) + "/upload-url", token);
        assertEquals(new String(r.body(), StandardCharsets.UTF_8), 201, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return JSON.readTree(r.body());
    }

    /** A JPEG signature, then deterministic bytes, generated as they are read. */
    private static InputStream picture(long size, long seed, byte[] magic) {
        return GeneratedBytes.stream(size, seed, magic);
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** PUT as {@code curl -T} does: the length up front, the body streamed. */
    private static HttpResponse<byte[]> put(String url, long size, long seed, byte[] magic, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> picture(size, seed, magic)), size));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void uploadGetAndCompare(String name, long size, long seed) throws Exception {
        JsonNode answer = uploadUrl(name);
        assertEquals("PUT", answer.get("method").asText());
        assertEquals(LocalStack.CLIENT_ID + "/" + name, answer.get("objectName").asText());
        assertTrue(Instant.parse(answer.get("expires").asText()).isAfter(Instant.now()));
        String uploadUrl = answer.get("uploadUrl").asText();
        assertTrue(uploadUrl, uploadUrl.startsWith(stack.oci().endpoint() + "/p/"));
        HttpResponse<byte[]> stored = put(uploadUrl, size, seed, JPEG_MAGIC, "image/jpeg");
        assertEquals(200, stored.statusCode());

        HttpResponse<byte[]> redirect = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, name), token);
        assertEquals(307, redirect.statusCode());
        assertEquals(0, redirect.body().length);
        assertEquals("no-store", redirect.headers().firstValue("Cache-Control").orElse(""));
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location, location.startsWith(stack.oci().endpoint() + "/p/"));
        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        assertEquals(String.valueOf(size), download.headers().firstValue("Content-Length").orElse(""));
        assertEquals(sha256(picture(size, seed, JPEG_MAGIC)), sha256(download.body()));

        HttpResponse<byte[]> list = gateway("GET", stack.deploymentUrl("pictures-fn") + "/" + LocalStack.CLIENT_ID, token);
        boolean listed = false;
        for (JsonNode item : JSON.readTree(list.body()).get("items")) {
            listed |= item.get("name").asText().equals(name) && item.get("size").asLong() == size;
        }
        assertTrue(new String(list.body(), StandardCharsets.UTF_8), listed);
    }

    @Test
    public void twentyMegabytesUpAndDownThroughPars() throws Exception {
        uploadGetAndCompare("holiday-20mb.jpg", 20L * 1024 * 1024, 20);
    }

    /**
     * The whole stack runs in this JVM, so a part that held the object whole would show as a
     * jump of the old generation's peak: an array this large is allocated there directly.
     */
    @Test
    public void twoHundredMegabytesStreamedBothWays() throws Exception {
        List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().matches(".*(Old Gen|Tenured).*")).toList();
        assertFalse("no old-generation pool to watch", old.isEmpty());
        long before = 0;
        for (MemoryPoolMXBean pool : old) {
            pool.resetPeakUsage();
            before += pool.getUsage().getUsed();
        }
        long size = 200L * 1024 * 1024;
        uploadGetAndCompare("video-200mb.jpg", size, 200);
        long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertTrue("old generation grew by " + (peak - before) + " bytes while moving " + size,
                peak - before < size / 2);
    }

    @Test
    public void aSmallPictureRedirectsWhenAskedTo() throws Exception {
        JsonNode answer = uploadUrl("small.jpg");
        assertEquals(200, put(answer.get("uploadUrl").asText(), 5_000, 5, JPEG_MAGIC, "image/jpeg").statusCode());
        HttpResponse<byte[]> inline = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "small.jpg"), token);
        assertEquals(200, inline.statusCode());
        assertEquals(5_000, inline.body().length);
        HttpResponse<byte[]> redirect = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "small.jpg") + "?redirect=true", token);
        assertEquals(307, redirect.statusCode());
        HttpResponse<byte[]> followed = HTTP.send(HttpRequest.newBuilder(
                URI.create(redirect.headers().firstValue("Location").orElseThrow())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(sha256(new java.io.ByteArrayInputStream(inline.body())),
                sha256(new java.io.ByteArrayInputStream(followed.body())));
    }

    @Test
    public void anotherUserGetsNoUploadUrlAndNoRedirect() throws Exception {
        JsonNode answer = uploadUrl("private.jpg");
        assertEquals(200, put(answer.get("uploadUrl").asText(), 1_000, 6, JPEG_MAGIC, "image/jpeg").statusCode());
        int before = parsCreated();
        HttpResponse<byte[]> upload = gateway("POST", pictureUrl(LocalStack.CLIENT_ID, "private.jpg") + "/upload-url", otherToken);
        assertEquals(403, upload.statusCode());
        assertFalse(new String(upload.body(), StandardCharsets.UTF_8).contains("/p/"));
        HttpResponse<byte[]> redirect = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "private.jpg") + "?redirect=true", otherToken);
        assertEquals(403, redirect.statusCode());
        assertFalse(redirect.headers().firstValue("Location").isPresent());
        assertEquals(before, parsCreated());
    }

    @Test
    public void aReadParCannotWriteAndAWriteParCannotRead() throws Exception {
        String write = uploadUrl("rw.jpg").get("uploadUrl").asText();
        assertEquals(200, put(write, 1_000, 7, JPEG_MAGIC, "image/jpeg").statusCode());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(write)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        String read = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "rw.jpg") + "?redirect=true", token)
                .headers().firstValue("Location").orElseThrow();
        assertEquals(404, put(read, 1_000, 8, JPEG_MAGIC, "image/jpeg").statusCode());
        HttpResponse<byte[]> still = HTTP.send(HttpRequest.newBuilder(URI.create(read)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(sha256(picture(1_000, 7, JPEG_MAGIC)), sha256(new java.io.ByteArrayInputStream(still.body())));
    }

    /** HTML sent through a write PAR under a picture's name and type is never served as a page. */
    @Test
    public void htmlUploadedThroughAParIsRefusedOnDownload() throws Exception {
        byte[] html = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.US_ASCII);
        String write = uploadUrl("trap.png").get("uploadUrl").asText();
        assertEquals(200, put(write, html.length, 9, html, "image/png").statusCode());
        HttpResponse<byte[]> redirect = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "trap.png") + "?redirect=true", token);
        assertEquals(415, redirect.statusCode());
        assertFalse(redirect.headers().firstValue("Location").isPresent());
        // Inline, a small object goes out with the stored picture type and nosniff: never as text/html.
        HttpResponse<byte[]> inline = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "trap.png"), token);
        assertFalse(inline.headers().firstValue("Content-Type").orElse("").contains("html"));
        assertEquals("nosniff", inline.headers().firstValue("X-Content-Type-Options").orElse(""));

        String bigWrite = uploadUrl("trap-big.png").get("uploadUrl").asText();
        assertEquals(200, put(bigWrite, 7L * 1024 * 1024, 10, html, "image/png").statusCode());
        HttpResponse<byte[]> big = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "trap-big.png"), token);
        assertEquals(415, big.statusCode());
        assertEquals("UnsupportedMediaType", JSON.readTree(big.body()).get("code").asText());
    }

    @Test
    public void noLogLineHoldsAParUrl() throws Exception {
        String write = uploadUrl("logged.jpg").get("uploadUrl").asText();
        assertEquals(200, put(write, 1_000, 11, JPEG_MAGIC, "image/jpeg").statusCode());
        String read = gateway("GET", pictureUrl(LocalStack.CLIENT_ID, "logged.jpg") + "?redirect=true", token)
                .headers().firstValue("Location").orElseThrow();
        String logged = log.text();
        assertTrue(logged, logged.contains("issued a pre-authenticated request to upload one object, expires "));
        assertTrue(logged, logged.contains("issued a pre-authenticated request to download one object, expires "));
        for (String url : new String[]{write, read}) {
            String secret = URI.create(url).getRawPath().split("/")[2];
            assertFalse(logged.contains(secret));
        }
        assertFalse(logged, logged.contains("/p/"));
    }

    private static int parsCreated() {
        return (int) stack.oci().calls().stream()
                .filter(c -> c.method().equals("POST") && c.rawPath().endsWith("/p/")).count();
    }
}
