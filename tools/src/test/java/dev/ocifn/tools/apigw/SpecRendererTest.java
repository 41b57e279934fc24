package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.oracle.bmc.apigateway.model.AnyOfRouteAuthorizationPolicy;
import com.oracle.bmc.apigateway.model.ApiSpecification;
import com.oracle.bmc.apigateway.model.ApiSpecificationRoute;
import com.oracle.bmc.apigateway.model.JsonWebKey;
import com.oracle.bmc.apigateway.model.AdditionalValidationPolicy;
import com.oracle.bmc.apigateway.model.TokenAuthenticationPolicy;
import com.oracle.bmc.apigateway.model.TokenAuthenticationRemoteJWKSValidationPolicy;
import com.oracle.bmc.apigateway.model.TokenAuthenticationStaticKeysValidationPolicy;
import com.oracle.bmc.apigateway.model.OracleFunctionBackend;
import com.oracle.bmc.apigateway.model.SetHeaderPolicyItem;
import dev.ocifn.tools.Fixtures;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonDiff;
import dev.ocifn.tools.json.JsonFiles;
import dev.ocifn.tools.template.Params;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class SpecRendererTest {
    private static final RSAKey SIGNING = Fixtures.rsaKey("SIGNING_KEY");
    private static final SpecRenderer RENDERER = new SpecRenderer(Fixtures.REPO.apigwTemplates());

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Params example() {
        return Fixtures.exampleParams(tmp.getRoot().toPath(), SIGNING);
    }

    /** The strict SDK read plus lossless round trip the issue asks for, done here rather than trusted. */
    private static ApiSpecification strictRoundTrip(String name, JsonNode spec) throws Exception {
        ApiSpecification model = SpecCheck.strictMapper().treeToValue(spec, ApiSpecification.class);
        assertEquals(name, List.of(), JsonDiff.differences(spec, SpecCheck.strictMapper().valueToTree(model)));
        return model;
    }

    @Test
    public void thereIsOneDeploymentPerFunction() {
        assertEquals(List.of("model-proxy-fn", "pictures-fn", "search-fn", "usage-fn"), RENDERER.names());
    }

    @Test
    public void everyRenderedSpecSurvivesTheStrictSdkRoundTripAndCallsItsFunction() throws Exception {
        Params params = example();
        Map<String, ObjectNode> specs = RENDERER.render(params);
        assertEquals(4, specs.size());
        for (Map.Entry<String, ObjectNode> entry : specs.entrySet()) {
            String name = entry.getKey();
            ApiSpecification model = strictRoundTrip(name, entry.getValue());
            String functionId = params.text("functions." + name + ".functionId");
            List<String> scopes = new ArrayList<>();
            params.get("functions." + name + ".scopes").forEach(s -> scopes.add(s.asText()));
            for (ApiSpecificationRoute route : model.getRoutes()) {
                assertEquals(name + route.getPath(), functionId, ((OracleFunctionBackend) route.getBackend()).getFunctionId());
                AnyOfRouteAuthorizationPolicy authorization =
                        (AnyOfRouteAuthorizationPolicy) route.getRequestPolicies().getAuthorization();
                assertEquals(scopes, authorization.getAllowedScope());
            }
            assertEquals(params.get("functions." + name + ".rateLimit.requestsPerSecond").intValue(),
                    (int) model.getRequestPolicies().getRateLimiting().getRateInRequestsPerSecond());
            assertEquals(params.text("functions." + name + ".rateLimit.key"),
                    model.getRequestPolicies().getRateLimiting().getRateKey().getValue());
        }
    }

    @Test
    public void routesAreTheSeedsPathsAndMethods() {
        Params params = example();
        Map<String, Set<String>> routes = new TreeMap<>();
        RENDERER.render(params).forEach((name, spec) -> spec.get("routes").forEach(route -> {
            String path = params.text("functions." + name + ".pathPrefix") + route.get("path").asText();
            Set<String> methods = routes.computeIfAbsent(path, p -> new TreeSet<>());
            route.get("methods").forEach(m -> methods.add(m.asText()));
        }));
        assertEquals(Map.of(
                "/usage/request-summarized-usages", Set.of("POST"),
                "/oracleapi/search", Set.of("POST"),
                "/pictures/{userId}/{filename}", Set.of("GET", "HEAD", "POST", "PUT", "DELETE"),
                "/pictures/{userId}/{filename}/upload-url", Set.of("POST"),
                "/pictures/{userId}", Set.of("GET"),
                "/model/predict", Set.of("POST")), routes);
    }

    @Test
    public void idcsVariantValidatesIdcsTokensWithTheConvertedStaticKey() throws Exception {
        for (ObjectNode spec : RENDERER.render(example()).values()) {
            TokenAuthenticationPolicy auth = (TokenAuthenticationPolicy) strictRoundTrip("spec", spec)
                    .getRequestPolicies().getAuthentication();
            assertEquals("Authorization", auth.getTokenHeader());
            assertEquals("Bearer", auth.getTokenAuthScheme());
            assertEquals(Boolean.FALSE, auth.getIsAnonymousAccessAllowed());
            assertNull(auth.getValidationFailurePolicy());
            AdditionalValidationPolicy claims = auth.getValidationPolicy().getAdditionalValidationPolicy();
            // Both slash variants: Oracle's pages disagree on the identity domain's issuer.
            assertEquals(List.of("https://identity.oraclecloud.com/", "https://identity.oraclecloud.com"), claims.getIssuers());
            assertEquals(List.of("https://ocifn.example.com/"), claims.getAudiences());
            assertEquals("sub", claims.getVerifyClaims().get(0).getKey());
            assertEquals(Boolean.TRUE, claims.getVerifyClaims().get(0).getIsRequired());
            JsonWebKey key = (JsonWebKey) ((TokenAuthenticationStaticKeysValidationPolicy) auth.getValidationPolicy()).getKeys().get(0);
            assertEquals("SIGNING_KEY", key.getKid());
            assertEquals(JsonWebKey.Use.Sig, key.getUse());
            assertNull(key.getKeyOps());
            assertEquals(SIGNING.getModulus().toString(), key.getN());
        }
    }

    @Test
    public void remoteJwksVariantForOtherIdentityProviders() throws Exception {
        Params params = Params.load(Fixtures.remoteJwksParamsFile());
        for (ObjectNode spec : RENDERER.render(params).values()) {
            TokenAuthenticationPolicy auth = (TokenAuthenticationPolicy) strictRoundTrip("spec", spec)
                    .getRequestPolicies().getAuthentication();
            TokenAuthenticationRemoteJWKSValidationPolicy keys = (TokenAuthenticationRemoteJWKSValidationPolicy) auth.getValidationPolicy();
            assertEquals("https://example-tenant.eu.auth0.com/.well-known/jwks.json", keys.getUri());
            assertEquals(1, (int) keys.getMaxCacheDurationInHours());
            assertEquals(List.of("https://example-tenant.eu.auth0.com/", "https://example-tenant.eu.auth0.com"),
                    keys.getAdditionalValidationPolicy().getIssuers());
        }
    }

    @Test
    public void picturesRoutesSetTheUserFromTheTokenSoClientsCannotForgeIt() throws Exception {
        ApiSpecification spec = strictRoundTrip("pictures", RENDERER.render(example()).get("pictures-fn"));
        assertEquals(3, spec.getRoutes().size()); // the picture, its upload URL, the list
        for (ApiSpecificationRoute route : spec.getRoutes()) {
            SetHeaderPolicyItem user = header(route, "X-User-Id");
            assertEquals(List.of("${request.auth[sub]}"), user.getValues());
            assertEquals(SetHeaderPolicyItem.IfExists.Overwrite, user.getIfExists());
            SetHeaderPolicyItem scopes = header(route, "X-User-Scopes");
            assertEquals(List.of("${request.auth[scope]}"), scopes.getValues());
            assertEquals(SetHeaderPolicyItem.IfExists.Overwrite, scopes.getIfExists());
        }
    }

    @Test
    public void predictRouteSetsTheModelDeploymentHeaderToThePredictUrl() throws Exception {
        Params params = example();
        ApiSpecification spec = strictRoundTrip("model", RENDERER.render(params).get("model-proxy-fn"));
        SetHeaderPolicyItem url = header(spec.getRoutes().get(0), "model_deployment");
        assertEquals(List.of(params.text("functions.model-proxy-fn.predictUrl")), url.getValues());
        assertEquals(SetHeaderPolicyItem.IfExists.Overwrite, url.getIfExists());
    }

    private static SetHeaderPolicyItem header(ApiSpecificationRoute route, String name) {
        return route.getRequestPolicies().getHeaderTransformations().getSetHeaders().getItems().stream()
                .filter(i -> i.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(route.getPath() + " does not set " + name));
    }

    @Test
    public void missingParameterIsAnErrorNamingIt() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "functions.usage-fn.functionId", null);
        ToolException e = assertThrows(ToolException.class, () -> RENDERER.render(params, List.of("usage-fn")));
        assertTrue(e.getMessage(), e.getMessage().endsWith("usage-fn.json: missing parameter functions.usage-fn.functionId"));
    }

    @Test
    public void onlyTheRenderedDeploymentsNeedTheirParameters() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "functions.usage-fn", null);
        assertEquals(Set.of("search-fn"), RENDERER.render(params, List.of("search-fn")).keySet());
    }

    @Test
    public void missingKeyIsAnErrorNamingTheAlternatives() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "auth.staticKeyFile", null);
        ToolException e = assertThrows(ToolException.class, () -> RENDERER.render(params));
        assertTrue(e.getMessage(), e.getMessage().contains("missing parameter auth.staticKeyFile (or auth.staticKey, or auth.remoteJwks)"));
    }

    @Test
    public void staticKeyAndRemoteJwksAreExclusive() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "auth.remoteJwks",
                Map.of("uri", "https://idp.example.com/jwks", "maxCacheDurationInHours", 1));
        ToolException e = assertThrows(ToolException.class, () -> RENDERER.render(params));
        assertTrue(e.getMessage(), e.getMessage().contains("are exclusive"));
    }

    @Test
    public void rawIdcsJwksAsStaticKeyFileIsRefused() throws Exception {
        Params params = example();
        Files.writeString(tmp.getRoot().toPath().resolve("idcs-signing-key.json"),
                Fixtures.jwks(Fixtures.idcsShapedKey(SIGNING)));
        ToolException e = assertThrows(ToolException.class, () -> RENDERER.render(params));
        assertTrue(e.getMessage(), e.getMessage().contains("convert it with the idcs-key command"));
    }

    @Test
    public void remoteJwksCacheDurationMustBeWithinTheGatewaysRange() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "auth",
                Map.of("issuers", List.of("https://idp.example.com/"), "audiences", List.of("a"),
                        "maxClockSkewInSeconds", 0,
                        "remoteJwks", Map.of("uri", "https://idp.example.com/jwks", "maxCacheDurationInHours", 48)));
        ToolException e = assertThrows(ToolException.class, () -> RENDERER.render(params));
        assertTrue(e.getMessage(), e.getMessage().contains("from 1 to 24"));
    }

    @Test
    public void badRateKeyInTheParametersFailsTheSdkCheck() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "functions.search-fn.rateLimit",
                Map.of("requestsPerSecond", 10, "key", "PER_USER"));
        ToolException e = assertThrows(ToolException.class, () -> RENDERER.render(params, List.of("search-fn")));
        assertTrue(e.getMessage(), e.getMessage().contains("rateKey"));
    }

    @Test
    public void misspelledFieldInATemplateFailsRendering() throws Exception {
        Path templates = tmp.newFolder("templates").toPath();
        ObjectNode template = RENDERER.template("usage-fn");
        ((ObjectNode) template.get("requestPolicies").get("rateLimiting")).set("ratePerSecond",
                ((ObjectNode) template.get("requestPolicies").get("rateLimiting")).remove("rateInRequestsPerSecond"));
        JsonFiles.write(templates.resolve("usage-fn.json"), template);
        ToolException e = assertThrows(ToolException.class, () -> new SpecRenderer(templates).render(example()));
        assertTrue(e.getMessage(), e.getMessage().contains("ratePerSecond: unknown field"));
    }

    @Test
    public void theValidationPolicyIsComputedNotGiven() {
        Params params = Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, "auth.validationPolicy", Map.of("type", "STATIC_KEYS"));
        assertNotNull(assertThrows(ToolException.class, () -> RENDERER.render(params)).getMessage());
    }

    @Test
    public void templatesKeepPlaceholdersForEverythingTenancySpecific() {
        for (String name : RENDERER.names()) {
            String text = RENDERER.template(name).toString();
            assertTrue(name, !text.contains("ocid1."));
            assertTrue(name, text.contains("{{functions." + name + ".functionId}}"));
            assertTrue(name, text.contains("{{auth.validationPolicy}}"));
            assertTrue(name, text.contains("\"TOKEN_AUTHENTICATION\""));
            assertFalse(name, text.contains("JWT_AUTHENTICATION"));
        }
    }
}
