package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Two pictures-fn settings through the whole local chain, as an operator sets them with
 * {@code fn config function}: {@code USER_ISOLATION=off} opens every user's pictures to any
 * accepted token and says so in the function's log; a pre-authenticated request stops working
 * once it has expired (local OCI's clock is moved on instead of waiting out the shortest TTL; the gateway keeps the
 * real time, so tokens stay valid).
 */
public class PicturesSettingsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final MovableClock CLOCK = new MovableClock();
    private static LocalStack stack;
    private static byte[] png;
    private static StderrCapture log;

    @BeforeClass
    public static void start() throws Exception {
        png = Files.readAllBytes(REPOSITORY.resolve("dev/local/sample/avatar.png"));
        log = StderrCapture.start();
        stack = LocalStack.start(LocalStack.Options.local(REPOSITORY, Files.createTempDirectory("local-stack-settings"))
                .withRequestsPerSecond(1000)
                .withFunctionConfig("pictures-fn", "USER_ISOLATION", "off")
                .withOciClock(CLOCK), log.stream);
    }

    /** Local OCI's time back to the function's, which issues expiries by the real time. */
    @Before
    public void realTime() {
        CLOCK.moveTo(Clock.systemUTC().instant());
    }

    @AfterClass
    public static void stop() {
        stack.close();
        log.close();
    }

    @Test
    public void isolationOffLetsAnyTokenReachEveryUsersPicturesAndSaysSo() throws Exception {
        String owner = token(LocalStack.CLIENT_ID);
        HttpResponse<byte[]> put = send("PUT", picture(LocalStack.CLIENT_ID, "open.png"), owner, png);
        assertEquals(text(put), 201, put.statusCode());

        HttpResponse<byte[]> read = send("GET", picture(LocalStack.CLIENT_ID, "open.png"), token(LocalStack.OTHER_CLIENT_ID), null);
        assertEquals(text(read), 200, read.statusCode());
        assertArrayEquals(png, read.body());
        assertTrue(log.text(), log.text().contains("USER_ISOLATION=off: per-user isolation is OFF"));
    }

    @Test
    public void anExpiredUploadUrlIsRefusedAndStoresNothing() throws Exception {
        String owner = token(LocalStack.CLIENT_ID);
        HttpResponse<byte[]> issued = send("POST", picture(LocalStack.CLIENT_ID, "late.png") + "/upload-url", owner, null);
        assertEquals(text(issued), 201, issued.statusCode());
        JsonNode answer = JSON.readTree(issued.body());
        Instant expires = Instant.parse(answer.get("expires").asText());

        CLOCK.moveTo(expires.plusSeconds(1));
        HttpResponse<byte[]> late = send("PUT", answer.get("uploadUrl").asText(), null, png);
        assertEquals(text(late), 404, late.statusCode());
        HttpResponse<byte[]> stored = send("HEAD", picture(LocalStack.CLIENT_ID, "late.png"), owner, null);
        assertEquals(404, stored.statusCode());
    }

    @Test
    public void anExpiredDownloadRedirectIsRefused() throws Exception {
        String owner = token(LocalStack.CLIENT_ID);
        HttpResponse<byte[]> put = send("PUT", picture(LocalStack.CLIENT_ID, "soon.png"), owner, png);
        assertEquals(text(put), 201, put.statusCode());
        HttpResponse<byte[]> redirect = send("GET", picture(LocalStack.CLIENT_ID, "soon.png") + "?redirect=true", owner, null);
        assertEquals(text(redirect), 307, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> inTime = send("GET", location, null, null);
        assertArrayEquals(png, inTime.body());
        CLOCK.moveTo(CLOCK.instant().plus(Duration.ofHours(2)));
        HttpResponse<byte[]> late = send("GET", location, null, null);
        assertEquals(404, late.statusCode());
    }

    private static String token(String client) {
        return stack.identity().tokenFor(client, Set.of("pictures"));
    }

    private static String picture(String user, String name) {
        return stack.deploymentUrl("pictures-fn") + "/" + user + "/" + name;
    }

    private static HttpResponse<byte[]> send(String method, String url, String bearer, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "image/png");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The real time, until a test moves it on; each test starts on the real time. */
    private static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void moveTo(Instant instant) {
            ahead = Duration.between(Clock.systemUTC().instant(), instant);
        }

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
