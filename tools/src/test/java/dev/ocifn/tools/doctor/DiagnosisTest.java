package dev.ocifn.tools.doctor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ocifn.tools.policies.PolicySet;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * What each failed answer is taken to mean: who sent it (a numeric code is API Gateway's own, a
 * text code the function's or OCI's) and its status decide the cause and the fix. The answers
 * the local stack cannot produce on demand (429, a gateway 500 or 502, OCI throttling) are here.
 */
public class DiagnosisTest {
    private static final Deployments.Target SEARCH = new Deployments.Target("search-fn", "/oracleapi", Set.of("search"),
            JsonNodeFactory.instance.objectNode().put("rateInRequestsPerSecond", 10).put("rateKey", "CLIENT_IP"));
    private static final PolicySet GATEWAY = new PolicySet("gateway", null, "ocifn-gateway", "", "ocid1.tenancy.oc1..x",
            List.of("Allow any-user to use functions-family in compartment id ocid1.compartment.oc1..f where ALL"
                    + " {request.principal.type = 'ApiGateway'}"), Map.of());

    private static Check diagnose(int status, String body, List<String> predicted) {
        Diagnosis.Context context = new Diagnosis.Context("ocifn", SEARCH, Set.of("usage"), predicted,
                name -> name.equals("gateway") ? Optional.of(GATEWAY) : Optional.empty());
        return Diagnosis.of(context, "https://gw.example/oracleapi/search", new Answer(status,
                body.getBytes(StandardCharsets.UTF_8), Optional.of("A1B2")));
    }

    private static void assertCheck(Check check, String cause, String fix) {
        assertEquals(Check.Status.FAIL, check.status());
        assertEquals("search-fn", check.name());
        assertTrue(check.cause(), check.cause().contains(cause));
        assertTrue(check.fix(), check.fix().contains(fix));
    }

    @Test
    public void gatewayRefusalsAreToldApartByTheirNumericCode() {
        assertCheck(diagnose(401, "{\"code\":401,\"message\":\"Unauthorized\"}", List.of()),
                "401) although it matches the parameters", "older specification");
        assertCheck(diagnose(401, "{\"code\":401,\"message\":\"Unauthorized\"}", List.of("aud [x] matches none")),
                "as step two predicted: aud [x] matches none", "token checks");
        assertCheck(diagnose(403, "{\"code\":403,\"message\":\"Forbidden\"}", List.of()),
                "the token's scope [usage] has none of [search]", "functions.search-fn.scopes");
        assertCheck(diagnose(404, "{\"code\":404,\"message\":\"Not Found\"}", List.of()),
                "no route at https://gw.example/oracleapi/search", "pathPrefix (/oracleapi)");
        assertCheck(diagnose(429, "{\"code\":429,\"message\":\"Too Many Requests\"}", List.of()),
                "10 requests per second per CLIENT_IP", "rateLimit.requestsPerSecond");
        assertCheck(diagnose(500, "{\"code\":500,\"message\":\"Internal Server Error\"}", List.of()),
                "could not invoke the function", "request.principal.type = 'ApiGateway'");
        assertCheck(diagnose(502, "{\"code\":502,\"message\":\"Bad Gateway\"}", List.of()),
                "crashed, ran out of memory", "`memory:` in search-fn/func.yaml");
        assertCheck(diagnose(504, "{\"code\":504,\"message\":\"Gateway Timeout\"}", List.of()),
                "did not answer in time", "`timeout:` in search-fn/func.yaml");
        assertCheck(diagnose(502, "<html>bad gateway</html>", List.of()), "the function failed", "fn invoke ocifn search-fn");
    }

    @Test
    public void aFunctionsOwnAnswersAreReadByTheirCode() {
        assertCheck(diagnose(500, "{\"code\":\"FunctionMisconfigured\",\"message\":\"the function configuration"
                        + " SEARCH_COMPARTMENT_ID must be an OCID\"}", List.of()),
                "500 FunctionMisconfigured: the function configuration SEARCH_COMPARTMENT_ID", "fn config function ocifn search-fn"
                        + " SEARCH_COMPARTMENT_ID <value>");
        assertCheck(diagnose(404, "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"Authorization failed\"}", List.of()),
                "(opc-request-id A1B2)", "apigw/out/policies/search-fn.statements.json");
        assertCheck(diagnose(404, "{\"code\":\"BucketNotFound\",\"message\":\"Either the bucket\"}", List.of()),
                "wrong BUCKET_NAME/NAMESPACE", "policy");
        assertCheck(diagnose(401, "{\"code\":\"NotAuthenticated\",\"message\":\"The required information\"}", List.of()),
                "resource principal", "dynamic group");
        assertCheck(diagnose(429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}", List.of()),
                "OCI throttled", "again later");
        assertCheck(diagnose(502, "{\"code\":\"BadGateway\",\"message\":\"OCI could not be reached (ConnectException)\"}",
                List.of()), "could not get an answer from OCI", "service gateway or NAT gateway");
        assertCheck(diagnose(400, "{\"code\":\"InvalidParameter\",\"message\":\"limit: must be 1 to 1000\"}", List.of()),
                "refused doctor's request: 400 InvalidParameter", "fn deploy --app ocifn");
    }

    @Test
    public void theSettingIsTakenFromTheMessage() {
        assertEquals("BUCKET_NAME", Diagnosis.setting("the function configuration BUCKET_NAME is not set"
                + " (fn config function <app> <fn> BUCKET_NAME <value>)"));
        assertEquals("OCI_ENDPOINT", Diagnosis.setting("OCI_ENDPOINT must be https://host[:port]"));
        assertEquals(null, Diagnosis.setting("no OCI credentials in this container"));
    }
}
