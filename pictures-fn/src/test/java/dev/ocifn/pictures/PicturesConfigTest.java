package dev.ocifn.pictures;

import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.OciServerRule;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.List;

import static org.junit.Assert.assertTrue;

/** Each unusable setting answers every call with a 500 naming the key, before any OCI call. */
@RunWith(Parameterized.class)
public class PicturesConfigTest {
    @ClassRule
    public static final OciServerRule OCI = OciServerRule.start();

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

    @Test
    public void answers500NamingTheKey() throws Exception {
        OCI.configure(fn);
        fn.setConfig("BUCKET_NAME", "pictures-bucket");
        fn.setConfig(key, value);
        FnGateway.request(fn, "GET", "/pictures/john/a.jpg").enqueue();
        fn.thenRun(PicturesFunction.class, "handleRequest");

        String message = OCI.refused(fn.getOnlyResult(), 500, "FunctionMisconfigured").message();
        assertTrue(message, message.contains(key));
        assertTrue(message, message.contains(says));
    }
}
