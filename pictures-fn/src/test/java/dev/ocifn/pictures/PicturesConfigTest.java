package dev.ocifn.pictures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.OciTestServer;
import dev.ocifn.testkit.ResourcePrincipalFixture;
import dev.ocifn.testkit.TrustStore;
import org.junit.AfterClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Each unusable setting answers every call with a 500 naming the key, before any OCI call. */
@RunWith(Parameterized.class)
public class PicturesConfigTest {
    private static final ResourcePrincipalFixture PRINCIPAL = ResourcePrincipalFixture.create();
    private static final OciTestServer OCI = OciTestServer.start(new TrustStore().trust(PRINCIPAL));

    @Parameters(name = "{0}={1}")
    public static List<Object[]> cases() {
        return List.of(
                new Object[]{"BUCKET_NAME", "", "is not set"},
                new Object[]{"BUCKET_NAME", "x/../y", "must be a bucket name"},
                new Object[]{"BUCKET_NAME", "..", "must be a bucket name"},
                new Object[]{"NAMESPACE", "a/b", "must be an Object Storage namespace"},
                new Object[]{"NAMESPACE", "..", "must be an Object Storage namespace"},
                new Object[]{"MAX_UPLOAD_BYTES", "7000000", "from 1 to 6291456"},
                new Object[]{"MAX_UPLOAD_BYTES", "lots", "whole number"},
                new Object[]{"ALLOWED_TYPES", "jpeg,tiff", "'tiff' is not one of image/jpeg, image/png, image/gif, image/webp"},
                new Object[]{"ALLOWED_TYPES", " , ", "lists no type"},
                new Object[]{"USER_HEADER", "X User", "must be an HTTP header name"},
                new Object[]{"SCOPES_HEADER", "X:Scopes", "must be an HTTP header name"},
                new Object[]{"ADMIN_SCOPE", "pictures admin", "must be one scope"},
                new Object[]{"MAX_BODY_BYTES", "0", "MAX_BODY_BYTES must be a whole number"});
    }

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final String key;
    private final String value;
    private final String says;

    public PicturesConfigTest(String key, String value, String says) {
        this.key = key;
        this.value = value;
        this.says = says;
    }

    @AfterClass
    public static void stop() {
        OCI.close();
    }

    @Test
    public void answers500NamingTheKey() throws Exception {
        PRINCIPAL.config().forEach(fn::setConfig);
        fn.setConfig("OCI_ENDPOINT", OCI.endpoint());
        fn.setConfig("BUCKET_NAME", "pictures-bucket");
        fn.setConfig(key, value);
        OCI.reset();
        FnGateway.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        fn.thenRun(PicturesFunction.class, "handleRequest");
        FnResult r = fn.getOnlyResult();

        assertEquals(r.getBodyAsString(), 500, FnGateway.status(r));
        JsonNode error = new ObjectMapper().readTree(r.getBodyAsString());
        assertEquals("FunctionMisconfigured", error.get("code").asText());
        String message = error.get("message").asText();
        assertTrue(message, message.contains(key));
        assertTrue(message, message.contains(says));
        assertTrue(OCI.requests().isEmpty());
    }
}
