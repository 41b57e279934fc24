package dev.ocifn.pictures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnEventBuilder;
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

import java.util.List;
import java.util.stream.Collectors;

import static dev.ocifn.pictures.TestPictures.JPEG_MAGIC;
import static dev.ocifn.pictures.TestPictures.picture;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * By default the gateway's subject header ({@code X-User-Id}, or USER_HEADER) decides whose
 * pictures a call may touch; every refusal is a 403 before any OCI call. Only USER_ISOLATION=off
 * lets the path alone decide, and the function says so in its log.
 */
public class UserIsolationTest {
    private static final String JOHN = "/pictures/john/a.jpg";

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private FakeOciServer oci;
    private InMemoryBucket bucket;
    private InMemoryBucket.Stored johns;

    @Before
    public void start() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
        bucket = new InMemoryBucket("pictures-bucket").install(oci);
        johns = bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 300, 30));
        TestPictures.configure(fn, principal, oci);
    }

    @After
    public void stop() {
        oci.close();
    }

    private static FnEventBuilder<FnTestingRule> as(FnEventBuilder<FnTestingRule> e, String user, String scopes) {
        if (user != null) {
            e = e.withHeader("Fn-Http-H-X-User-Id", user);
        }
        if (scopes != null) {
            e = e.withHeader("Fn-Http-H-X-User-Scopes", scopes);
        }
        return e;
    }

    private List<Integer> statuses() {
        fn.thenRun(PicturesFunction.class, "handleRequest");
        return fn.getResults().stream().map(FnGateway::status).collect(Collectors.toList());
    }

    private void everyKindOfCallAs(String user, String scopes) {
        as(FnGateway.request(fn, "GET", JOHN), user, scopes).enqueue();
        as(FnGateway.request(fn, "HEAD", JOHN), user, scopes).enqueue();
        as(FnGateway.request(fn, "GET", "/pictures/john"), user, scopes).enqueue();
        as(TestPictures.send(fn, "PUT", "/pictures/john/b.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 31)), user, scopes).enqueue();
        as(FnGateway.request(fn, "DELETE", JOHN), user, scopes).enqueue();
        as(FnGateway.request(fn, "POST", JOHN + "/upload-url"), user, scopes).enqueue();
    }

    @Test
    public void onByDefaultWithoutAnySetting() {
        everyKindOfCallAs("jane", null);
        assertEquals(List.of(403, 403, 403, 403, 403, 403), statuses());
        assertTrue(oci.requests().isEmpty());
        assertTrue(bucket.pars().isEmpty());
        assertFalse(fn.getStdErrAsString().contains("USER_ISOLATION=off"));
    }

    @Test
    public void onByDefaultTheOwnerReachesEverything() {
        everyKindOfCallAs("john", null);
        assertEquals(List.of(200, 200, 200, 201, 204, 201), statuses());
    }

    @Test
    public void offOnlyWhenSaidSoAndTheLogSaysIt() {
        fn.setConfig("USER_ISOLATION", "off");
        everyKindOfCallAs("jane", null);
        everyKindOfCallAs(null, null);
        assertEquals(List.of(200, 200, 200, 201, 204, 201, 404, 404, 200, 201, 404, 201), statuses());
        String log = fn.getStdErrAsString();
        assertEquals(1, log.split("USER_ISOLATION=off", -1).length - 1);
        assertTrue(log, log.contains("per-user isolation is OFF"));
    }

    @Test
    public void anyOtherIsolationValueIsAConfigurationError() throws Exception {
        fn.setConfig("USER_ISOLATION", "no");
        as(FnGateway.request(fn, "GET", JOHN), "jane", null).enqueue();
        assertEquals(List.of(500), statuses());
        assertTrue(fn.getOnlyResult().getBodyAsString().contains("USER_ISOLATION"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void anEmptySubjectHeaderIsRefused() {
        as(FnGateway.request(fn, "GET", JOHN), "", null).enqueue();
        as(FnGateway.request(fn, "GET", "/pictures/%20/a.jpg"), " ", null).enqueue();
        assertEquals(List.of(403, 400), statuses());
        assertTrue(oci.requests().isEmpty());
    }

    /** The path's user id, raw or percent-encoded, equals the subject the gateway wrote, for every provider. */
    @Test
    public void everySupportedProvidersSubjectReachesItsOwnPictures() {
        String[][] subjects = {
                {"3f6a1c2b9d8e4f7a8b0c1d2e3f4a5b6c", "3f6a1c2b9d8e4f7a8b0c1d2e3f4a5b6c"},
                {"jane.doe+photos@example.co.uk", "jane.doe+photos%40example.co.uk"},
                {"auth0|64f0c2a1b9e8d7c6b5a49382", "auth0%7C64f0c2a1b9e8d7c6b5a49382"},
                {"google-oauth2|104387651234567890123", "google-oauth2%7c104387651234567890123"},
                {"00u1abcd2EFGH3ijk4x7", "00u1abcd2EFGH3ijk4x7"},
                {"k-Zq_8mN3pL0vX9wY2tR1sU4aB6cD7eF5gH0iJ2kL3m", "k-Zq_8mN3pL0vX9wY2tR1sU4aB6cD7eF5gH0iJ2kL3m"}};
        for (String[] s : subjects) {
            as(TestPictures.send(fn, "PUT", "/pictures/" + s[1] + "/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 100, 32)),
                    s[0], null).enqueue();
            as(FnGateway.request(fn, "GET", "/pictures/" + s[1]), s[0], null).enqueue();
            as(FnGateway.request(fn, "GET", "/pictures/" + s[1] + "/a.jpg"), "someone-else", null).enqueue();
        }
        List<Integer> statuses = statuses();
        for (int i = 0; i < subjects.length; i++) {
            assertEquals(subjects[i][0], List.of(201, 200, 403), statuses.subList(3 * i, 3 * i + 3));
            assertNotNull(subjects[i][0], bucket.object(subjects[i][0] + "/a.jpg"));
        }
    }

    @Test
    public void onAnotherUserIsRefusedBeforeAnyOciCall() throws Exception {
        fn.setConfig("USER_HEADER", "X-User-Id");
        everyKindOfCallAs("jane", "pictures.read pictures.write");
        assertEquals(List.of(403, 403, 403, 403, 403, 403), statuses());
        assertTrue(bucket.pars().isEmpty());
        FnResult get = fn.getResults().get(0);
        assertEquals("Forbidden", new ObjectMapper().readTree(get.getBodyAsString()).get("code").asText());
        assertEquals(0, fn.getResults().get(1).getBodyAsBytes().length); // HEAD: no body, even for errors
        assertTrue(oci.requests().isEmpty());
        assertNotNull(bucket.object("john/a.jpg"));
        assertEquals(1, bucket.objects().size());
    }

    @Test
    public void onAMissingSubjectHeaderIsRefused() throws Exception {
        everyKindOfCallAs(null, null);
        assertEquals(List.of(403, 403, 403, 403, 403, 403), statuses());
        assertTrue(fn.getResults().get(0).getBodyAsString().contains("X-User-Id"));
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void userIdsCompareExactly() {
        fn.setConfig("USER_HEADER", "X-User-Id");
        as(FnGateway.request(fn, "GET", JOHN), "John", null).enqueue();
        as(FnGateway.request(fn, "GET", "/pictures/jo%68n/a.jpg"), "john", null).enqueue(); // decoded once: john
        assertEquals(List.of(403, 200), statuses());
    }

    @Test
    public void adminScopeLiftsIsolation() {
        fn.setConfig("USER_HEADER", "X-User-Id");
        fn.setConfig("ADMIN_SCOPE", "pictures.admin");
        everyKindOfCallAs("jane", "pictures.read pictures.admin");
        assertEquals(List.of(200, 200, 200, 201, 204, 201), statuses());
    }

    @Test
    public void adminScopeMustBeHeldExactly() {
        fn.setConfig("USER_HEADER", "X-User-Id");
        fn.setConfig("ADMIN_SCOPE", "pictures.admin");
        as(FnGateway.request(fn, "GET", JOHN), "jane", "pictures.read").enqueue();
        as(FnGateway.request(fn, "GET", JOHN), "jane", "pictures.admin2 xpictures.admin").enqueue();
        as(FnGateway.request(fn, "GET", JOHN), "jane", null).enqueue();
        as(FnGateway.request(fn, "GET", JOHN), "jane", "PICTURES.ADMIN").enqueue();
        assertEquals(List.of(403, 403, 403, 403), statuses());
        assertTrue(oci.requests().isEmpty());
    }

    @Test
    public void scopesHeaderIsConfigurable() {
        fn.setConfig("USER_HEADER", "X-Subject");
        fn.setConfig("SCOPES_HEADER", "X-Token-Scopes");
        fn.setConfig("ADMIN_SCOPE", "admin");
        FnGateway.request(fn, "GET", JOHN).withHeader("Fn-Http-H-X-Subject", "jane")
                .withHeader("Fn-Http-H-X-Token-Scopes", "admin").enqueue();
        FnGateway.request(fn, "GET", JOHN).withHeader("Fn-Http-H-X-Subject", "jane")
                .withHeader("Fn-Http-H-X-User-Scopes", "admin").enqueue();
        FnGateway.request(fn, "GET", JOHN).withHeader("Fn-Http-H-X-Subject", "john").enqueue();
        assertEquals(List.of(200, 403, 200), statuses());
        assertArrayEquals(johns.bytes(), fn.getResults().get(2).getBodyAsBytes());
    }

    @Test
    public void anAdminScopeIsOnlyHonouredWhenConfigured() {
        everyKindOfCallAs("jane", "pictures.admin");
        assertEquals(List.of(403, 403, 403, 403, 403, 403), statuses());
    }

    @Test
    public void aUserHeaderTheGatewaysSubjectDoesNotConfirmIsRefused() throws Exception {
        // An empty subject: the gateway skipped X-User-Id (the caller's own value is left) but
        // always writes X-User-Subject, here "sub=".
        fn.setConfig("USER_HEADER", "X-User-Id");
        as(FnGateway.request(fn, "GET", JOHN), "john", null).withHeader("Fn-Http-H-X-User-Subject", "sub=").enqueue();
        as(FnGateway.request(fn, "GET", JOHN), "john", null).withHeader("Fn-Http-H-X-User-Subject", "sub=john").enqueue();
        assertEquals(List.of(403, 200), statuses());
        assertTrue(fn.getResults().get(0).getBodyAsString().contains("subject is empty"));
    }
}
