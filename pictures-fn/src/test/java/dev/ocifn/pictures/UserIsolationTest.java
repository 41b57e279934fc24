package dev.ocifn.pictures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnEventBuilder;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.OciTestServer;
import dev.ocifn.testkit.ResourcePrincipalFixture;
import dev.ocifn.testkit.TrustStore;
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
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * With USER_HEADER set, the gateway's subject header decides whose pictures a call may touch;
 * every refusal is a 403 before any OCI call. Without it, the path alone decides.
 */
public class UserIsolationTest {
    private static final String JOHN = "/pictures/john/a.jpg";

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private OciTestServer oci;
    private InMemoryBucket bucket;
    private InMemoryBucket.Stored johns;

    @Before
    public void start() {
        oci = OciTestServer.start(new TrustStore().trust(principal));
        bucket = new InMemoryBucket("pictures-bucket").install(oci);
        johns = bucket.preload("john/a.jpg", "image/jpeg", picture(JPEG_MAGIC, 300, 30));
        principal.config().forEach(fn::setConfig);
        fn.setConfig("OCI_ENDPOINT", oci.endpoint());
        fn.setConfig("BUCKET_NAME", "pictures-bucket");
        fn.setConfig("NAMESPACE", InMemoryBucket.NAMESPACE);
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
    }

    @Test
    public void offByDefaultThePathAloneDecides() {
        everyKindOfCallAs("jane", null);
        assertEquals(List.of(200, 200, 200, 201, 204), statuses());
    }

    @Test
    public void onTheOwnerReachesEverything() {
        fn.setConfig("USER_HEADER", "X-User-Id");
        everyKindOfCallAs("john", null);
        assertEquals(List.of(200, 200, 200, 201, 204), statuses());
    }

    @Test
    public void onAnotherUserIsRefusedBeforeAnyOciCall() throws Exception {
        fn.setConfig("USER_HEADER", "X-User-Id");
        everyKindOfCallAs("jane", "pictures.read pictures.write");
        assertEquals(List.of(403, 403, 403, 403, 403), statuses());
        FnResult get = fn.getResults().get(0);
        assertEquals("Forbidden", new ObjectMapper().readTree(get.getBodyAsString()).get("code").asText());
        assertEquals(0, fn.getResults().get(1).getBodyAsBytes().length); // HEAD: no body, even for errors
        assertTrue(oci.requests().isEmpty());
        assertNotNull(bucket.object("john/a.jpg"));
        assertEquals(1, bucket.objects().size());
    }

    @Test
    public void onAMissingSubjectHeaderIsRefused() throws Exception {
        fn.setConfig("USER_HEADER", "X-User-Id");
        everyKindOfCallAs(null, null);
        assertEquals(List.of(403, 403, 403, 403, 403), statuses());
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
        assertEquals(List.of(200, 200, 200, 201, 204), statuses());
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
    public void adminScopeWithoutUserHeaderChangesNothing() {
        fn.setConfig("ADMIN_SCOPE", "pictures.admin");
        everyKindOfCallAs("jane", null);
        assertEquals(List.of(200, 200, 200, 201, 204), statuses());
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
