package dev.ocifn.tools.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ocifn.tools.Fixtures;
import dev.ocifn.tools.ToolException;
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
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class PolicyRendererTest {
    private static final RSAKey SIGNING = Fixtures.rsaKey("SIGNING_KEY");
    private static final PolicyRenderer RENDERER = new PolicyRenderer(Fixtures.REPO.policyTemplates());
    private static final List<String> FUNCTIONS = List.of("model-proxy-fn", "pictures-fn", "search-fn", "usage-fn");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private List<PolicySet> render(String path, Object value) {
        Params params = path == null ? Fixtures.exampleParams(tmp.getRoot().toPath(), SIGNING)
                : Fixtures.exampleParamsWith(tmp.getRoot().toPath(), SIGNING, path, value);
        return RENDERER.render(params, FUNCTIONS);
    }

    private static List<String> statements(List<PolicySet> sets) {
        return sets.stream().flatMap(s -> s.statements().stream()).collect(Collectors.toList());
    }

    private static List<String> tenancyWide(List<PolicySet> sets) {
        return statements(sets).stream().filter(IamGrammar::isTenancyWide).collect(Collectors.toList());
    }

    @Test
    public void everyStatementIsInTheIamGrammarAndNoneGrantsManageAll() {
        List<PolicySet> sets = render(null, null);
        assertEquals(5, sets.size());
        for (String statement : statements(sets)) {
            assertTrue(statement, IamGrammar.isStatement(statement));
            assertFalse(statement, statement.toLowerCase().contains("manage all-resources"));
        }
    }

    @Test
    public void byDefaultOnlyUsageReportsAreTenancyWide() {
        assertEquals(List.of("Allow dynamic-group ocifn-usage-fn to read usage-report in tenancy"), tenancyWide(render(null, null)));
    }

    @Test
    public void eachFunctionGetsTheLeastThatWorks() {
        Map<String, List<String>> byName = render(null, null).stream()
                .collect(Collectors.toMap(PolicySet::name, PolicySet::statements));
        assertEquals(List.of("Allow dynamic-group ocifn-search-fn to inspect all-resources in compartment id "
                + "ocid1.compartment.oc1..aaaaaaaaexamplesearchable"), byName.get("search-fn"));
        // PAR_MANAGE on the one bucket: what creating a pre-authenticated request needs (usingpreauthenticatedrequests.htm).
        assertEquals(List.of("Allow dynamic-group ocifn-pictures-fn to manage objects in compartment id "
                + "ocid1.compartment.oc1..aaaaaaaaexamplestorage where target.bucket.name = 'ocifn-pictures'",
                "Allow dynamic-group ocifn-pictures-fn to manage buckets in compartment id "
                + "ocid1.compartment.oc1..aaaaaaaaexamplestorage where all {target.bucket.name = 'ocifn-pictures', "
                + "request.permission = 'PAR_MANAGE'}"), byName.get("pictures-fn"));
        assertEquals(List.of("Allow dynamic-group ocifn-model-proxy-fn to {DATA_SCIENCE_MODEL_DEPLOYMENT_PREDICT} in "
                + "compartment id ocid1.compartment.oc1..aaaaaaaaexampledatascience"), byName.get("model-proxy-fn"));
        assertEquals(List.of("Allow any-user to use functions-family in compartment id ocid1.compartment.oc1..aaaaaaaaexamplefunctions"
                + " where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = "
                + "'ocid1.compartment.oc1..aaaaaaaaexamplefunctions'}"), byName.get("gateway"));
    }

    @Test
    public void tenancyWideSearchOnlyWhenAskedFor() {
        List<String> wide = tenancyWide(render("functions.search-fn.tenancyWide", true));
        assertEquals(List.of("Allow dynamic-group ocifn-search-fn to inspect all-resources in tenancy",
                "Allow dynamic-group ocifn-usage-fn to read usage-report in tenancy"), wide.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    public void readPermissionReadsOnlyTheTypesSearchNeedsItForNeverAllResources() {
        List<String> search = render("functions.search-fn.permission", "read").stream()
                .filter(s -> s.name().equals("search-fn")).findFirst().orElseThrow().statements();
        String in = " in compartment id ocid1.compartment.oc1..aaaaaaaaexamplesearchable";
        List<String> expected = new java.util.ArrayList<>(List.of("Allow dynamic-group ocifn-search-fn to inspect all-resources" + in));
        for (String type : List.of("instances", "instance-images", "vcns", "subnets", "route-tables", "security-lists")) {
            expected.add("Allow dynamic-group ocifn-search-fn to read " + type + in);
        }
        assertEquals(expected, search);
    }

    @Test
    public void aSearchPermissionOtherThanInspectOrReadIsRefused() {
        ToolException e = assertThrows(ToolException.class, () -> render("functions.search-fn.permission", "manage"));
        assertTrue(e.getMessage(), e.getMessage().contains("is not inspect or read"));
    }

    @Test
    public void picturesIsBucketScopedOnlyWithoutANamespaceGrant() {
        for (PolicySet set : render(null, null)) {
            for (String statement : set.statements()) {
                assertFalse(statement, statement.contains("objectstorage-namespaces"));
            }
        }
    }

    @Test
    public void aNonDefaultIdentityDomainQualifiesTheDynamicGroups() {
        for (PolicySet set : render(PolicyRenderer.IDENTITY_DOMAIN, "ocifn-domain")) {
            for (String statement : set.statements()) {
                if (set.dynamicGroup() != null) {
                    assertTrue(statement, statement.startsWith("Allow dynamic-group 'ocifn-domain'/'" + set.dynamicGroup().name() + "' to "));
                }
            }
        }
    }

    @Test
    public void theDefaultIdentityDomainLeavesGroupNamesPlain() {
        for (PolicySet set : render(PolicyRenderer.IDENTITY_DOMAIN, "")) {
            for (String statement : set.statements()) {
                assertFalse(statement, statement.contains("'/'"));
            }
        }
    }

    @Test
    public void dynamicGroupsMatchOneFunctionByOcidWithACompartmentVariant() {
        for (PolicySet set : render(null, null)) {
            if (set.name().equals(PolicyRenderer.GATEWAY)) {
                assertNull(set.dynamicGroup());
                continue;
            }
            PolicySet.DynamicGroup group = set.dynamicGroup();
            assertEquals("ocifn-" + set.name(), group.name());
            assertTrue(IamGrammar.isMatchingRule(group.matchingRule()));
            assertTrue(group.matchingRule(), group.matchingRule().matches(
                    "ALL \\{resource.type = 'fnfunc', resource.id = 'ocid1\\.fnfunc\\.oc1\\.eu-frankfurt-1\\.aaaaaaaaexample[a-z]+'}"));
            assertEquals("ALL {resource.type = 'fnfunc', resource.compartment.id = 'ocid1.compartment.oc1..aaaaaaaaexamplefunctions'}",
                    group.matchingRuleByCompartment());
            assertEquals("ocid1.tenancy.oc1..aaaaaaaaexampletenancy", set.compartmentId());
        }
    }

    @Test
    public void statementsAsTheCliTakesThem() {
        PolicySet usage = render(null, null).stream().filter(s -> s.name().equals("usage-fn")).findFirst().orElseThrow();
        assertEquals("[\"Allow dynamic-group ocifn-usage-fn to read usage-report in tenancy\"]", usage.statementsJson().toString());
    }

    private Path templatesWith(String name, String policyJson) throws Exception {
        Path dir = tmp.newFolder().toPath();
        for (String existing : RENDERER.names()) {
            Files.copy(Fixtures.REPO.policyTemplates().resolve(existing + ".json"), dir.resolve(existing + ".json"));
        }
        ObjectNode template = RENDERER.names().contains(name)
                ? JsonFiles.readObject(dir.resolve(name + ".json")) : JsonFiles.mapper().createObjectNode();
        template.set("policy", JsonFiles.parse(policyJson, "policy"));
        JsonFiles.write(dir.resolve(name + ".json"), template);
        return dir;
    }

    private String refusal(String name, String policyJson) throws Exception {
        PolicyRenderer renderer = new PolicyRenderer(templatesWith(name, policyJson));
        Params params = Fixtures.exampleParams(tmp.newFolder().toPath(), SIGNING);
        return assertThrows(ToolException.class, () -> renderer.render(params, name)).getMessage();
    }

    @Test
    public void theSeedsManageAllResourcesInTenancyIsRefused() throws Exception {
        String message = refusal("usage-fn", "{\"name\":\"p\",\"description\":\"d\",\"compartmentId\":\"{{tenancyId}}\","
                + "\"statements\":[{\"statement\":\"Allow dynamic-group {{namePrefix}}usage-fn to manage all-resources in tenancy\","
                + "\"tenancyWideBecause\":\"the guide said so\"}]}");
        assertTrue(message, message.contains("grants manage all-resources"));
    }

    @Test
    public void tenancyWideNeedsAReasonAndTheTenancyAsAttachment() throws Exception {
        String message = refusal("search-fn", "{\"name\":\"p\",\"description\":\"d\","
                + "\"compartmentId\":\"{{functionsCompartmentId}}\","
                + "\"statements\":[\"Allow dynamic-group {{namePrefix}}search-fn to inspect all-resources in tenancy\"]}");
        assertTrue(message, message.contains("tenancy-wide without a tenancyWideBecause reason"));
        assertTrue(message, message.contains("must be attached to the tenancy"));
    }

    @Test
    public void aFunctionsPolicyGrantsOnlyToItsOwnDynamicGroup() throws Exception {
        String message = refusal("search-fn", "{\"name\":\"p\",\"description\":\"d\",\"compartmentId\":\"{{tenancyId}}\","
                + "\"statements\":[\"Allow dynamic-group {{namePrefix}}usage-fn to inspect all-resources in compartment id "
                + "{{functionsCompartmentId}}\"]}");
        assertTrue(message, message.contains("instead of this file's dynamic group ocifn-search-fn"));
    }

    @Test
    public void anyUserWithoutConditionIsRefused() throws Exception {
        String message = refusal(PolicyRenderer.GATEWAY, "{\"name\":\"p\",\"description\":\"d\",\"compartmentId\":\"{{tenancyId}}\","
                + "\"statements\":[\"Allow any-user to use functions-family in compartment id {{functionsCompartmentId}}\"]}");
        assertTrue(message, message.contains("any-user without a where condition"));
    }

    @Test
    public void misspelledStatementIsRefused() throws Exception {
        String message = refusal("usage-fn", "{\"name\":\"p\",\"description\":\"d\",\"compartmentId\":\"{{tenancyId}}\","
                + "\"statements\":[\"Allow dynamic-group {{namePrefix}}usage-fn to read usage-report in compartement id {{functionsCompartmentId}}\"]}");
        assertTrue(message, message.contains("not an IAM statement"));
    }

    @Test
    public void unknownTemplateFieldIsRefused() throws Exception {
        String message = refusal("usage-fn", "{\"name\":\"p\",\"description\":\"d\",\"compartmentId\":\"{{tenancyId}}\","
                + "\"statement\":[]}");
        assertTrue(message, message.contains("unknown field \"statement\""));
    }

    @Test
    public void conditionOnAMissingParameterIsAnErrorNamingIt() {
        ToolException e = assertThrows(ToolException.class, () -> render("functions.search-fn.tenancyWide", null));
        assertTrue(e.getMessage(), e.getMessage().contains("functions.search-fn.tenancyWide"));
    }

    @Test
    public void renderedFilesLeaveNoPlaceholder() {
        List<String> all = new ArrayList<>();
        for (PolicySet set : render(null, null)) {
            all.add(set.toJson().toString());
        }
        for (String json : all) {
            assertFalse(json, json.contains("{{"));
        }
    }
}
