package dev.ocifn.pictures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.TrustStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.ocifn.pictures.TestPictures.JPEG_MAGIC;
import static dev.ocifn.pictures.TestPictures.PNG_MAGIC;
import static dev.ocifn.pictures.TestPictures.picture;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Upload URLs and download redirects: a pre-authenticated request for exactly one object, only
 * for its owner, only after the stored type and first bytes passed the picture rules, and its URL
 * never in the log.
 */
public class PictureLinksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private FakeOciServer oci;
    private InMemoryBucket bucket;

    @Before
    public void start() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
        bucket = new InMemoryBucket("pictures-bucket").install(oci);
        TestPictures.configure(fn, principal, oci);
    }

    @After
    public void stop() {
        oci.close();
    }

    private List<FnResult> run() {
        fn.thenRun(PicturesFunction.class, "handleRequest");
        return fn.getResults();
    }

    private static JsonNode body(FnResult r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    private void assertNoParUrlLogged() {
        String log = fn.getStdErrAsString();
        assertFalse(log, log.contains("/p/"));
        for (InMemoryBucket.Par par : bucket.pars()) {
            assertFalse(log, log.contains(par.accessUri().substring(3, 40)));
        }
    }

    @Test
    public void anUploadUrlIsAWritePARForExactlyThatPicture() throws Exception {
        Instant before = Instant.now();
        TestPictures.request(fn, "POST", "/pictures/john/big%20holiday.jpg/upload-url").enqueue();
        FnResult r = run().get(0);
        assertEquals(201, FnGateway.status(r));
        JsonNode b = body(r);
        InMemoryBucket.Par par = bucket.pars().get(0);
        assertEquals("ObjectWrite", par.accessType());
        assertEquals("john/big holiday.jpg", par.objectName());
        assertEquals(oci.endpoint() + par.accessUri(), b.get("uploadUrl").asText());
        assertEquals("PUT", b.get("method").asText());
        assertEquals("john/big holiday.jpg", b.get("objectName").asText());
        assertEquals(PictureLinks.MAX_PUT_BYTES, b.get("maxBytes").asLong());
        Instant expires = Instant.parse(b.get("expires").asText());
        assertEquals(expires, par.timeExpires());
        assertTrue(expires.isAfter(before.plusSeconds(299)) && expires.isBefore(Instant.now().plusSeconds(301)));
        assertEquals("no-store", FnGateway.header(r, "Cache-Control").orElse(""));
        assertFalse(par.name().contains("john"));
        assertTrue(fn.getStdErrAsString().contains("issued a pre-authenticated request to upload one object, expires "
                + b.get("expires").asText()));
        assertNoParUrlLogged();
    }

    @Test
    public void theLifetimeIsConfigurableUpToAnHour() throws Exception {
        fn.setConfig("PAR_TTL_SECONDS", "3600");
        TestPictures.request(fn, "POST", "/pictures/john/a.jpg/upload-url").enqueue();
        FnResult r = run().get(0);
        Duration ttl = Duration.between(Instant.now(), Instant.parse(body(r).get("expires").asText()));
        assertTrue(ttl.toString(), ttl.getSeconds() > 3590 && ttl.getSeconds() <= 3600);
    }

    @Test
    public void aLifetimeOverAnHourIsAConfigurationError() throws Exception {
        fn.setConfig("PAR_TTL_SECONDS", "3601");
        TestPictures.request(fn, "POST", "/pictures/john/a.jpg/upload-url").enqueue();
        FnResult r = run().get(0);
        assertEquals(500, FnGateway.status(r));
        assertTrue(r.getBodyAsString().contains("PAR_TTL_SECONDS"));
        assertTrue(bucket.pars().isEmpty());
    }

    @Test
    public void theUploadUrlRouteTakesOnlyPost() {
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg/upload-url").enqueue();
        FnResult r = run().get(0);
        assertEquals(405, FnGateway.status(r));
        assertEquals("POST", FnGateway.header(r, "Allow").orElse(""));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void redirectOnRequestForASmallPicture() {
        bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 2_000, 40));
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg?redirect=true").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg?redirect=false").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/a.jpg?redirect=yes").enqueue();
        List<FnResult> results = run();
        FnResult r = results.get(0);
        assertEquals(307, FnGateway.status(r));
        InMemoryBucket.Par par = bucket.pars().get(0);
        assertEquals("ObjectRead", par.accessType());
        assertEquals("john/a.jpg", par.objectName());
        assertEquals(oci.endpoint() + par.accessUri(), FnGateway.header(r, "Location").orElse(""));
        assertEquals("no-store", FnGateway.header(r, "Cache-Control").orElse(""));
        assertEquals(0, r.getBodyAsBytes().length);
        assertEquals("bytes=0-" + (ImageType.SIGNATURE_BYTES - 1), oci.requests().get(0).header("range").orElse(""));
        assertEquals(200, FnGateway.status(results.get(1)));
        assertEquals(400, FnGateway.status(results.get(2)));
        assertEquals(1, bucket.pars().size());
        assertNoParUrlLogged();
    }

    @Test
    public void largerThanInlineIsRedirectedAndHeadStillAnswersHeaders() {
        fn.setConfig("INLINE_MAX_BYTES", "1000");
        bucket.preload("john/big.png", "image/png", picture(PNG_MAGIC, 1_001, 41));
        bucket.preload("john/small.png", "image/png", picture(PNG_MAGIC, 1_000, 42));
        TestPictures.request(fn, "GET", "/pictures/john/big.png").enqueue();
        TestPictures.request(fn, "HEAD", "/pictures/john/big.png").enqueue();
        TestPictures.request(fn, "GET", "/pictures/john/small.png").enqueue();
        List<FnResult> results = run();
        assertEquals(307, FnGateway.status(results.get(0)));
        assertEquals(200, FnGateway.status(results.get(1)));
        assertEquals("1001", FnGateway.header(results.get(1), "Content-Length").orElse(""));
        assertEquals(200, FnGateway.status(results.get(2)));
        assertEquals(1000, results.get(2).getBodyAsBytes().length);
        assertEquals(1, bucket.pars().size());
    }

    /** HTML uploaded through a PAR under a picture's name is never served, inline or by redirect. */
    @Test
    public void storedBytesThatAreNotTheirPictureTypeGet415AndNoPar() throws Exception {
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.US_ASCII);
        bucket.preload("john/evil.png", "image/png", html);
        bucket.preload("john/page.png", "text/html", html);
        bucket.preload("john/unnamed.png", "application/octet-stream", html);
        bucket.preload("john/empty.png", "image/png", new byte[0]);
        bucket.preload("john/tiff.png", "image/tiff", picture(PNG_MAGIC, 100, 43));
        for (String name : new String[]{"evil.png", "page.png", "unnamed.png", "empty.png", "tiff.png"}) {
            TestPictures.request(fn, "GET", "/pictures/john/" + name + "?redirect=true").enqueue();
        }
        for (FnResult r : run()) {
            assertEquals(r.getBodyAsString(), 415, FnGateway.status(r));
            assertEquals("UnsupportedMediaType", body(r).get("code").asText());
            assertFalse(FnGateway.header(r, "Location").isPresent());
        }
        assertTrue(bucket.pars().isEmpty());
    }

    @Test
    public void aPictureStoredWithoutATypeIsJudgedByItsBytes() {
        fn.setConfig("INLINE_MAX_BYTES", "0");
        bucket.preload("john/raw.jpg", "application/octet-stream", picture(JPEG_MAGIC, 500, 44));
        TestPictures.request(fn, "GET", "/pictures/john/raw.jpg").enqueue();
        assertEquals(307, FnGateway.status(run().get(0)));
    }

    @Test
    public void heicHeifAndAvifAreServedByDefault() {
        fn.setConfig("INLINE_MAX_BYTES", "0");
        bucket.preload("john/phone.heic", "image/heic", ImageTypeTest.ftyp("heic", "mif1", "heic"));
        bucket.preload("john/still.avif", "image/avif", ImageTypeTest.ftyp("avif", "mif1", "miaf"));
        bucket.preload("john/generic.heif", "image/heif", ImageTypeTest.ftyp("mif1", "heic"));
        bucket.preload("john/wrong.avif", "image/avif", ImageTypeTest.ftyp("heic", "mif1"));
        for (String name : new String[]{"phone.heic", "still.avif", "generic.heif", "wrong.avif"}) {
            TestPictures.request(fn, "GET", "/pictures/john/" + name).enqueue();
        }
        List<FnResult> results = run();
        assertEquals(List.of(307, 307, 307, 415), results.stream().map(FnGateway::status).toList());
    }

    @Test
    public void aMissingPictureIs404AndNoPar() {
        TestPictures.request(fn, "GET", "/pictures/john/none.jpg?redirect=true").enqueue();
        FnResult r = run().get(0);
        assertEquals(404, FnGateway.status(r));
        assertTrue(bucket.pars().isEmpty());
        assertNull(FnGateway.header(r, "Location").orElse(null));
    }
}
