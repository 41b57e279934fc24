package dev.ocifn.modelproxy;

import dev.ocifn.support.FnError;
import dev.ocifn.support.Settings;
import org.junit.Test;

import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** The URLs the policy accepts, and the exact URL it then calls (no connection is made here). */
public class PredictEndpointPolicyTest {
    private static final String ID = "ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaay75uckqay7so6w2bpwreqxisognml72kdqi4qcjdtnpfykh4xtsq";
    private static final PredictEndpointPolicy OPEN = PredictEndpointPolicy.from(new Settings(Map.of()), "model_deployment");

    private static String accepted(PredictEndpointPolicy policy, String url) {
        return policy.check(url).uri().toString();
    }

    @Test
    public void documentedHostIsAccepted() {
        String url = "https://modeldeployment.us-ashburn-1.oci.customer-oci.com/" + ID + "/predict";
        PredictEndpointPolicy.PredictUrl checked = OPEN.check(url);
        assertEquals(url, checked.uri().toString());
        assertEquals(ID, checked.deploymentId());
        assertEquals("modeldeployment.us-ashburn-1.oci.customer-oci.com", checked.uri().getHost());
    }

    @Test
    public void sdkTemplateHostAndStreamingAreAccepted() {
        String url = "https://md.datascience.eu-frankfurt-1.oci.oraclecloud.com/" + ID + "/predictWithResponseStream";
        assertEquals(url, accepted(OPEN, url));
    }

    @Test
    public void hostCaseAndTheDefaultPortAreNormalized() {
        assertEquals("https://modeldeployment.us-ashburn-1.oci.customer-oci.com/" + ID + "/predict",
                accepted(OPEN, "HTTPS://ModelDeployment.US-ASHBURN-1.oci.Customer-OCI.com:443/" + ID + "/predict"));
    }

    @Test
    public void regionalOcidForms() {
        for (String id : new String[]{
                "ocid1.datasciencemodeldeployment.oc1.eu-frankfurt-1.amaaaaaa2xxap7yagq4z62toy5toj6fijrzi6deswanqy2l3yik7mmifix2a",
                "ocid1.datasciencemodeldeployment.oc1.phx.amaaaaaaexample",
                "ocid1.datasciencemodeldeployment.oc19.eu-frankfurt-2.amaaaaaaexample"}) {
            assertEquals(id, OPEN.check("https://modeldeployment.us-phoenix-1.oci.customer-oci.com/" + id + "/predict").deploymentId());
        }
    }

    @Test
    public void allowedDeploymentsNarrowTheChoice() {
        PredictEndpointPolicy narrow = PredictEndpointPolicy.from(new Settings(Map.of(
                PredictEndpointPolicy.ALLOWED_DEPLOYMENTS, " " + ID + " ,")), "model_deployment");
        String url = "https://modeldeployment.us-ashburn-1.oci.customer-oci.com/" + ID + "/predict";
        assertEquals(url, accepted(narrow, url));
        FnError e = assertThrows(FnError.class, () -> narrow.check(url.replace("amaaaaaay75", "amaaaaaaz75")));
        assertEquals(400, e.status());
    }

    @Test
    public void testingOriginAdmitsExactlyThatOrigin() {
        PredictEndpointPolicy testing = PredictEndpointPolicy.from(new Settings(Map.of(
                PredictEndpointPolicy.TESTING_ORIGIN, "http://127.0.0.1:8099")), "model_deployment");
        assertEquals("http://127.0.0.1:8099/" + ID + "/predict", accepted(testing, "http://127.0.0.1:8099/" + ID + "/predict"));
        assertThrows(FnError.class, () -> testing.check("http://127.0.0.1:8098/" + ID + "/predict"));
        assertThrows(FnError.class, () -> testing.check("http://127.0.0.1/" + ID + "/predict"));
        assertThrows(FnError.class, () -> testing.check("http://127.0.0.1:8099/" + ID + "/other"));
        // The OCI hosts stay allowed besides it.
        accepted(testing, "https://modeldeployment.us-ashburn-1.oci.customer-oci.com/" + ID + "/predict");
    }

    @Test
    public void refusalNamesTheHeaderButNotTheValue() {
        PredictEndpointPolicy custom = PredictEndpointPolicy.from(new Settings(Map.of()), "X-Model-Url");
        FnError e = assertThrows(FnError.class, () -> custom.check("https://secret-host.example/" + ID + "/predict"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("X-Model-Url: "));
        assertTrue(e.getMessage(), !e.getMessage().contains("secret-host"));
    }
}
