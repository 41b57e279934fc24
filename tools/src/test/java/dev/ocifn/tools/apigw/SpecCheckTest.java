package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.apigateway.model.ApiSpecification;
import com.oracle.bmc.apigateway.model.RateLimitingPolicy;
import com.oracle.bmc.serialization.jackson.JacksonSerializer;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonDiff;
import dev.ocifn.tools.json.JsonFiles;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class SpecCheckTest {
    private static final String FUNCTION = "ocid1.fnfunc.oc1.eu-frankfurt-1.aaaaaaaaexample";

    /** A small spec in the shape the templates render. */
    static ObjectNode validSpec() {
        return (ObjectNode) JsonFiles.parse("{"
                + "\"requestPolicies\":{"
                + "  \"authentication\":{\"type\":\"TOKEN_AUTHENTICATION\",\"tokenHeader\":\"Authorization\","
                + "    \"tokenAuthScheme\":\"Bearer\",\"isAnonymousAccessAllowed\":false,\"maxClockSkewInSeconds\":30,"
                + "    \"validationPolicy\":{\"type\":\"REMOTE_JWKS\",\"uri\":\"https://idp.example.com/jwks\",\"maxCacheDurationInHours\":1,"
                + "      \"additionalValidationPolicy\":{\"issuers\":[\"https://identity.oraclecloud.com/\"],\"audiences\":[\"aud\"]}}},"
                + "  \"rateLimiting\":{\"rateInRequestsPerSecond\":10,\"rateKey\":\"CLIENT_IP\"}},"
                + "\"routes\":[{\"path\":\"/x\",\"methods\":[\"GET\"],"
                + "  \"backend\":{\"type\":\"ORACLE_FUNCTIONS_BACKEND\",\"functionId\":\"" + FUNCTION + "\"},"
                + "  \"requestPolicies\":{\"authorization\":{\"type\":\"ANY_OF\",\"allowedScope\":[\"s\"]},"
                + "    \"headerTransformations\":{\"setHeaders\":{\"items\":[{\"name\":\"X-User-Id\","
                + "      \"values\":[\"${request.auth[sub]}\"],\"ifExists\":\"OVERWRITE\"}]}}}}]}", "spec");
    }

    private static ObjectNode route(ObjectNode spec) {
        return (ObjectNode) spec.get("routes").get(0);
    }

    private static String problem(ObjectNode spec) {
        return assertThrows(ToolException.class, () -> SpecCheck.check("spec.json", spec)).getMessage();
    }

    @Test
    public void validSpecReadsIntoTheSdkModelAndBackUnchanged() {
        ObjectNode spec = validSpec();
        ApiSpecification model = SpecCheck.check("spec.json", spec);
        assertEquals(RateLimitingPolicy.RateKey.ClientIp, model.getRequestPolicies().getRateLimiting().getRateKey());
        assertEquals(java.util.List.of(), JsonDiff.differences(spec, SpecCheck.strictMapper().valueToTree(model)));
    }

    @Test
    public void theSdksOwnMapperWouldAcceptAMisspelledFieldTheStrictCopyDoesNot() throws Exception {
        ObjectNode spec = validSpec();
        ((ObjectNode) route(spec).get("backend")).set("functionld", ((ObjectNode) route(spec).get("backend")).remove("functionId"));
        JacksonSerializer.getDefaultObjectMapper().treeToValue(spec, ApiSpecification.class);

        String message = problem(spec);
        assertTrue(message, message.contains("$.routes[0].backend.functionld: unknown field"));
    }

    @Test
    public void unknownEnumValueIsCaughtByTheRoundTrip() {
        ObjectNode spec = validSpec();
        ((ObjectNode) spec.get("requestPolicies").get("rateLimiting")).put("rateKey", "CLIENT_PORT");
        String message = problem(spec);
        assertTrue(message, message.contains("$.requestPolicies.rateLimiting.rateKey: \"CLIENT_PORT\" became null"));
    }

    @Test
    public void unknownIfExistsValueIsCaught() {
        ObjectNode spec = validSpec();
        ((ObjectNode) route(spec).at("/requestPolicies/headerTransformations/setHeaders/items/0")).put("ifExists", "REPLACE");
        assertTrue(problem(spec).contains("ifExists"));
    }

    @Test
    public void unknownBackendTypeIsCaught() {
        ObjectNode spec = validSpec();
        ((ObjectNode) route(spec).get("backend")).put("type", "ORACLE_FUNCTION_BACKEND");
        String message = problem(spec);
        assertTrue(message, message.contains("$.routes[0].backend: unknown type 'ORACLE_FUNCTION_BACKEND'; known: "));
    }

    @Test
    public void numberGivenAsStringIsNotCoerced() {
        ObjectNode spec = validSpec();
        ((ObjectNode) spec.get("requestPolicies").get("rateLimiting")).put("rateInRequestsPerSecond", "10");
        String message = problem(spec);
        assertTrue(message, message.contains("rateInRequestsPerSecond: Cannot coerce String value"));
    }

    @Test
    public void integerForAFloatFieldIsTheSameValue() {
        ObjectNode spec = validSpec();
        ((ObjectNode) spec.get("requestPolicies").get("authentication")).put("maxClockSkewInSeconds", 30.0);
        SpecCheck.check("spec.json", spec);
    }

    @Test
    public void everyRouteNeedsAnAuthorizationPolicyThatIsNotAnonymous() {
        ObjectNode missing = validSpec();
        ((ObjectNode) route(missing).get("requestPolicies")).remove("authorization");
        assertTrue(problem(missing).contains("requestPolicies.authorization is missing"));

        ObjectNode anonymous = validSpec();
        ((ObjectNode) route(anonymous).get("requestPolicies")).putObject("authorization").put("type", "ANONYMOUS");
        assertTrue(problem(anonymous).contains("ANONYMOUS authorization is not allowed"));
    }

    @Test
    public void everyRouteMustCallAFunction() {
        ObjectNode spec = validSpec();
        ObjectNode http = route(spec).putObject("backend");
        http.put("type", "HTTP_BACKEND").put("url", "https://example.com");
        assertTrue(problem(spec).contains("backend must be ORACLE_FUNCTIONS_BACKEND"));
    }

    @Test
    public void rateLimitingAndAuthenticationAreRequired() {
        ObjectNode spec = validSpec();
        ((ObjectNode) spec.get("requestPolicies")).remove("rateLimiting");
        ((ObjectNode) spec.get("requestPolicies").get("authentication")).put("isAnonymousAccessAllowed", true);
        String message = problem(spec);
        assertTrue(message, message.contains("rateLimiting is missing"));
        assertTrue(message, message.contains("isAnonymousAccessAllowed must not be true"));
    }

    @Test
    public void routesAreRequired() {
        ObjectNode spec = validSpec();
        spec.set("routes", JsonFiles.mapper().createArrayNode());
        assertTrue(problem(spec).contains("routes: none"));
    }

    @Test
    public void aKeyWithKeyOpsTheSdkDoesNotKnowIsRefused() {
        ObjectNode spec = validSpec();
        ObjectNode keys = ((ObjectNode) spec.get("requestPolicies").get("authentication")).putObject("validationPolicy");
        keys.put("type", "STATIC_KEYS");
        keys.putObject("additionalValidationPolicy").putArray("issuers").add("https://identity.oraclecloud.com/");
        ObjectNode key = keys.putArray("keys").addObject();
        key.put("format", "JSON_WEB_KEY").put("kid", "SIGNING_KEY").put("kty", "RSA").put("alg", "RS256")
                .put("n", "AQAB").put("e", "AQAB");
        key.putArray("key_ops").add("encrypt");
        String message = problem(spec);
        assertTrue(message, message.contains("key_ops[0]: \"encrypt\" became null"));
    }

    @Test
    public void theNoLongerRecommendedJwtAuthenticationIsRefused() {
        ObjectNode spec = validSpec();
        ObjectNode jwt = ((ObjectNode) spec.get("requestPolicies")).putObject("authentication");
        jwt.put("type", "JWT_AUTHENTICATION").put("tokenHeader", "Authorization").put("tokenAuthScheme", "Bearer")
                .put("isAnonymousAccessAllowed", false);
        jwt.putArray("issuers").add("https://identity.oraclecloud.com/");
        jwt.putArray("audiences").add("aud");
        jwt.putObject("publicKeys").put("type", "REMOTE_JWKS").put("uri", "https://idp.example.com/jwks")
                .put("maxCacheDurationInHours", 1);
        String message = problem(spec);
        assertTrue(message, message.contains("JWT_AUTHENTICATION is no longer recommended"));
    }

    @Test
    public void aTokenPolicyWithoutIssuersAndAudiencesIsRefused() {
        ObjectNode spec = validSpec();
        ((ObjectNode) spec.get("requestPolicies").get("authentication").get("validationPolicy")).remove("additionalValidationPolicy");
        assertTrue(problem(spec).contains("additionalValidationPolicy"));
    }

    @Test
    public void aHeaderNamedInTwoTransformationsIsRefused() {
        ObjectNode spec = validSpec();
        ObjectNode transformations = (ObjectNode) route(spec).get("requestPolicies").get("headerTransformations");
        ObjectNode filter = transformations.putObject("filterHeaders");
        filter.put("type", "BLOCK");
        filter.putArray("items").addObject().put("name", "x-user-id");
        String message = problem(spec);
        assertTrue(message, message.contains("header X-User-Id is named in more than one header transformation"));
        filter.put("type", "ALLOW");
        SpecCheck.check("spec.json", spec);
    }
}
