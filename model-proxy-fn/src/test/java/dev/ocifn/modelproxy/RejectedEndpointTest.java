package dev.ocifn.modelproxy;

import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.OciServerRule;
import dev.ocifn.ocifake.StubResponse;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertTrue;

/**
 * Each hostile or malformed predict URL is a 400 naming the header, and no request leaves the
 * function. The test server is the one origin the testing key admits, and it answers every
 * request it gets with 200: a URL that slipped through would show up in its requests (signature
 * held) or its rejections (signature failed). The same setup lets the right URL through (see
 * ModelProxyFunctionTest.allowedDeploymentsLetsTheListedOnesThrough), so each refusal is the URL's doing.
 */
@RunWith(Parameterized.class)
public class RejectedEndpointTest {
    @ClassRule
    public static final OciServerRule MODEL = OciServerRule.start();
    private static final String LOCAL = MODEL.server()
            .on("POST", ".*", r -> StubResponse.json(200, "{\"leaked\":true}")).endpoint();
    private static final int PORT = MODEL.server().port();
    private static final String ID = ModelProxyFunctionTest.DEPLOYMENT;
    private static final String OTHER_ID = "ocid1.datasciencemodeldeployment.oc1.eu-frankfurt-1.amaaaaaanotallowed";
    private static final String OCI = "modeldeployment.eu-frankfurt-1.oci.customer-oci.com";
    private static final String P = "/" + ID + "/predict";

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        List<Object[]> c = new ArrayList<>();
        // scheme
        c.add(bad("http to the OCI host", "http://" + OCI + P, "must use https"));
        c.add(bad("upper-case HTTP", "HTTP://" + OCI + P, "must use https"));
        c.add(bad("file URL", "file:///etc/passwd", "not an absolute URL"));
        c.add(bad("ftp", "ftp://" + OCI + P, "must use https"));
        c.add(bad("scheme-relative", "//" + OCI + P, "not an absolute URL"));
        c.add(bad("opaque", "https:" + OCI + P, "not an absolute URL"));
        c.add(bad("no URL at all", "predict", "not an absolute URL"));
        // host
        c.add(bad("other host", "https://example.com" + P, "not a Data Science model-deployment host"));
        c.add(bad("OCI host as a prefix of another", "https://" + OCI + ".evil.com" + P, "not a Data Science model-deployment host"));
        c.add(bad("OCI host as a suffix of another", "https://evil" + OCI + P, "not a Data Science model-deployment host"));
        c.add(bad("trailing dot", "https://" + OCI + "." + P, "not a Data Science model-deployment host"));
        c.add(bad("other OCI service", "https://objectstorage.eu-frankfurt-1.oraclecloud.com" + P, "not a Data Science model-deployment host"));
        c.add(bad("extra label before", "https://x." + OCI + P, "not a Data Science model-deployment host"));
        c.add(bad("region of two labels", "https://modeldeployment.eu.frankfurt-1.oci.customer-oci.com" + P, "not a Data Science model-deployment host"));
        c.add(bad("IPv4 literal", "https://10.0.0.5" + P, "not a Data Science model-deployment host"));
        c.add(bad("metadata service", "https://169.254.169.254" + P, "not a Data Science model-deployment host"));
        c.add(bad("metadata service over http", "http://169.254.169.254/opc/v2/instance/", "must use https"));
        c.add(bad("IPv6 loopback", "https://[::1]" + P, "not a Data Science model-deployment host"));
        c.add(bad("IPv6 literal with port", "https://[fd00::a9fe:a9fe]:443" + P, "not a Data Science model-deployment host"));
        c.add(bad("percent-encoded host", "https://modeldeployment%2Eeu-frankfurt-1.oci.customer-oci.com" + P, "no plain host"));
        c.add(bad("Kelvin sign that lower-cases to k", "https://modeldeployment.u\u212A-london-1.oci.customer-oci.com" + P, "plain ASCII"));
        c.add(bad("full-width dot", "https://modeldeployment\uFF0Eeu-frankfurt-1.oci.customer-oci.com" + P, "plain ASCII"));
        c.add(bad("empty host", "https://" + P, "not an absolute URL"));
        // user info and other authority tricks
        c.add(bad("user info before the OCI host", "https://user:pass@" + OCI + P, "user info"));
        c.add(bad("OCI host as user info", "https://" + OCI + "@evil.com" + P, "user info"));
        c.add(bad("OCI host as user info before the test origin", "http://" + OCI + "@" + LOCAL.substring(7) + P, "user info"));
        c.add(bad("fragment hiding the real host", "https://evil.com#@" + OCI + P, "must not have a fragment"));
        c.add(bad("query hiding the real host", "https://evil.com?@" + OCI + P, "must not have a query"));
        c.add(bad("backslash trick", "https://evil.com\\@" + OCI + P, "backslash"));
        c.add(bad("encoded at sign", "https://evil.com%40" + OCI + P, "no plain host"));
        // port
        c.add(bad("port 8443", "https://" + OCI + ":8443" + P, "port other than 443"));
        c.add(bad("port 80 on https", "https://" + OCI + ":80" + P, "port other than 443"));
        c.add(bad("empty port", "https://" + OCI + ":" + P, "no plain host"));
        c.add(bad("test host on another port", "http://127.0.0.1:" + (PORT == 65535 ? 65534 : PORT + 1) + P, "must use https"));
        c.add(bad("test port under another host name", "http://localhost:" + PORT + P, "must use https"));
        c.add(bad("test origin over https", "https://127.0.0.1:" + PORT + P, "not a Data Science model-deployment host"));
        // path (against the test origin, where a URL that slipped through would arrive)
        c.add(bad("other path", LOCAL + "/" + ID + "/metadata", "path must be"));
        c.add(bad("no action", LOCAL + "/" + ID, "path must be"));
        c.add(bad("root", LOCAL + "/", "path must be"));
        c.add(bad("upper-case action", LOCAL + "/" + ID + "/PREDICT", "path must be"));
        c.add(bad("upper-case OCID", LOCAL + "/" + ID.toUpperCase() + "/predict", "path must be"));
        c.add(bad("trailing slash", LOCAL + P + "/", "path must be"));
        c.add(bad("prefix segment", LOCAL + "/x" + P, "path must be"));
        c.add(bad("double slash", LOCAL + "/" + P, "path must be"));
        c.add(bad("dot-dot segments", LOCAL + P + "/../../20160918/instances", "path must be"));
        c.add(bad("dot segment", LOCAL + "/" + ID + "/./predict", "path must be"));
        c.add(bad("encoded slash", LOCAL + "/" + ID + "%2Fpredict", "path must be"));
        c.add(bad("encoded letter", LOCAL + "/" + ID + "/%70redict", "path must be"));
        c.add(bad("matrix parameter", LOCAL + P + ";x=1", "path must be"));
        c.add(bad("not a deployment OCID", LOCAL + "/ocid1.datasciencemodel.oc1.eu-frankfurt-1.amaaaaaa/predict", "path must be"));
        c.add(bad("not an OCID", LOCAL + "/../predict", "path must be"));
        c.add(bad("query", LOCAL + P + "?x=1", "must not have a query"));
        c.add(bad("empty query", LOCAL + P + "?", "must not have a query"));
        c.add(bad("fragment", LOCAL + P + "#x", "must not have a fragment"));
        c.add(bad("OCID not allowed", LOCAL + "/" + OTHER_ID + "/predict", "not in the function's ALLOWED_DEPLOYMENTS"));
        c.add(bad("OCID not allowed on the OCI host", "https://" + OCI + "/" + OTHER_ID + "/predict", "ALLOWED_DEPLOYMENTS"));
        // the raw value
        c.add(bad("leading space", " " + LOCAL + P, "plain ASCII"));
        c.add(bad("inner space", LOCAL + P.replace("/predict", " /predict"), "plain ASCII"));
        c.add(bad("tab", LOCAL + P + "\t", "plain ASCII"));
        c.add(bad("too long", LOCAL + "/" + "a".repeat(3000) + "/predict", "longer than 2048"));
        c.add(bad("list of two URLs", LOCAL + P + "," + LOCAL + P, "path must be"));
        return c;
    }

    private static Object[] bad(String name, String url, String says) {
        return new Object[]{name, url, says};
    }

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final String url;
    private final String says;

    public RejectedEndpointTest(String name, String url, String says) {
        this.url = url;
        this.says = says;
    }

    @Test
    public void isRefusedWithoutAnOutboundCall() throws Exception {
        MODEL.configure(fn); // OCI_ENDPOINT too, which this function does not read
        fn.setConfig(PredictEndpointPolicy.TESTING_ORIGIN, LOCAL);
        fn.setConfig(PredictEndpointPolicy.ALLOWED_DEPLOYMENTS, ID);
        FnGateway.json(fn, "POST", "/model/predict", "{\"data\":[1]}")
                .withHeader("Fn-Http-H-model_deployment", url)
                .enqueue();
        fn.thenRun(ModelProxyFunction.class, "handleRequest");

        String message = MODEL.refused(fn.getOnlyResult(), 400, "InvalidParameter").message();
        assertTrue(message, message.startsWith("model_deployment: "));
        assertTrue(message, message.contains(says));
        assertTrue("the function built no client", !fn.getStdErrAsString().contains("built model-deployment client"));
    }
}
