package dev.ocifn.tools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.RepoLayout;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.template.Params;
import dev.ocifn.tools.template.Placeholders;
import dev.ocifn.tools.template.TemplateDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders {@code policies/templates/}: one file per function (its dynamic group and policy) and
 * {@value #GATEWAY} (API Gateway may invoke the functions). A statement entry is a string, or an
 * object {@code {"statement", "when", "equals", "tenancyWideBecause"}}: {@code when}/{@code equals}
 * keep it only when that parameter has that value; {@code tenancyWideBecause} is required for a
 * statement {@code in tenancy}, so widening a grant has to be argued in the template.
 *
 * <p>Every rendered statement is checked against {@link IamGrammar} and the least-privilege
 * rules; a violation is an error, not a warning.
 */
public final class PolicyRenderer {
    public static final String GATEWAY = "gateway";
    /** Optional parameter: the non-default identity domain that holds the dynamic groups. */
    public static final String IDENTITY_DOMAIN = "identityDomainName";
    private static final Pattern GRANT_TO_GROUP = Pattern.compile("^Allow dynamic-group (" + "[A-Za-z0-9][A-Za-z0-9._-]*" + ") to ");
    private static final Set<String> TEMPLATE_FIELDS = Set.of("dynamicGroup", "policy");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "description", "matchingRule", "matchingRuleByCompartment");
    private static final Set<String> POLICY_FIELDS = Set.of("name", "description", "compartmentId", "statements");
    private static final Set<String> ENTRY_FIELDS = Set.of("statement", "when", "equals", "tenancyWideBecause");
    private static final Pattern IAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_DESCRIPTION = 400;

    private final TemplateDir templates;

    public PolicyRenderer(Path templatesDir) {
        this.templates = new TemplateDir(templatesDir);
    }

    public static PolicyRenderer fromRepository() {
        return new PolicyRenderer(RepoLayout.fromWorkingDirectory().policyTemplates());
    }

    public List<String> names() {
        return templates.names();
    }

    /** The policies of the given functions, then the gateway's. */
    public List<PolicySet> render(Params params, Collection<String> functions) {
        List<PolicySet> out = new ArrayList<>();
        for (String function : functions) {
            out.add(render(params, function));
        }
        out.add(render(params, GATEWAY));
        return out;
    }

    public PolicySet render(Params params, String name) {
        String source = templates.path(name).toString();
        ObjectNode template = templates.read(name);
        requireFields(template, TEMPLATE_FIELDS, Set.of("policy"), source);
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        if (template.has("dynamicGroup")) {
            JsonNode group = template.get("dynamicGroup");
            requireFields(group, GROUP_FIELDS, GROUP_FIELDS, source + " dynamicGroup");
            resolved.set("dynamicGroup", group);
        }
        JsonNode policy = template.get("policy");
        requireFields(policy, POLICY_FIELDS, POLICY_FIELDS, source + " policy");
        ObjectNode resolvedPolicy = ((ObjectNode) policy).deepCopy();
        ArrayNode statements = resolvedPolicy.putArray("statements");
        ArrayNode reasons = resolvedPolicy.putArray("reasons");
        selectStatements(policy.get("statements"), params, source, statements, reasons);
        resolved.set("policy", resolvedPolicy);

        ObjectNode filled = (ObjectNode) Placeholders.fill(resolved, params::get, source);
        qualify((ArrayNode) filled.get("policy").get("statements"), identityDomain(params));
        PolicySet set = toPolicySet(name, filled);
        List<String> problems = PolicyRules.violations(set);
        if (!problems.isEmpty()) {
            throw new ToolException(source + ": " + String.join("; ", problems));
        }
        return set;
    }

    /**
     * The identity domain named by {@value #IDENTITY_DOMAIN}, or null for the default domain.
     * In a non-default identity domain a policy names a dynamic group {@code '<domain>'/'<group>'}
     * (Oracle: Identity/policysyntax/subject.htm; for the default domain the name may be left out,
     * which keeps the statements as they were).
     */
    public static String identityDomain(Params params) {
        if (!params.has(IDENTITY_DOMAIN)) {
            return null;
        }
        JsonNode value = params.get(IDENTITY_DOMAIN);
        if (!value.isTextual()) {
            throw new ToolException("parameter " + IDENTITY_DOMAIN + " must be a string (\"\" for the default domain)");
        }
        String domain = value.asText();
        if (domain.isEmpty() || domain.equals("Default")) {
            return null;
        }
        if (!IAM_NAME.matcher(domain).matches()) {
            throw new ToolException("parameter " + IDENTITY_DOMAIN + ": '" + domain
                    + "' is not an identity domain name (letters, digits, . _ -)");
        }
        return domain;
    }

    private static void qualify(ArrayNode statements, String domain) {
        if (domain == null) {
            return;
        }
        for (int i = 0; i < statements.size(); i++) {
            java.util.regex.Matcher m = GRANT_TO_GROUP.matcher(statements.get(i).asText());
            if (m.find()) {
                statements.set(i, statements.textNode("Allow dynamic-group '" + domain + "'/'" + m.group(1) + "' to "
                        + statements.get(i).asText().substring(m.end())));
            }
        }
    }

    private static void selectStatements(JsonNode entries, Params params, String source,
                                         ArrayNode statements, ArrayNode reasons) {
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new ToolException(source + ": policy.statements must be a non-empty array");
        }
        for (JsonNode entry : entries) {
            if (entry.isTextual()) {
                statements.add(entry.textValue());
                reasons.add("");
                continue;
            }
            requireFields(entry, ENTRY_FIELDS, Set.of("statement"), source + " statement entry");
            if (!applies(entry, params, source)) {
                continue;
            }
            statements.add(entry.get("statement").asText());
            reasons.add(entry.path("tenancyWideBecause").asText(""));
        }
        if (statements.isEmpty()) {
            throw new ToolException(source + ": no statement applies with these parameters");
        }
    }

    /**
     * {@code "when": "<parameter>", "equals": <value>}, or {@code "when": {"<parameter>": <value>, ...}}
     * where every parameter must have its value.
     */
    private static boolean applies(JsonNode entry, Params params, String source) {
        JsonNode when = entry.get("when");
        if (when != null && when.isObject()) {
            if (entry.has("equals")) {
                throw new ToolException(source + ": \"equals\" goes with a parameter name in \"when\", not with an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> condition = it.next();
                if (!params.get(condition.getKey()).equals(condition.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (entry.has("when") != entry.has("equals")) {
            throw new ToolException(source + ": a statement entry needs both \"when\" and \"equals\", or neither");
        }
        return !entry.has("when") || params.get(when.asText()).equals(entry.get("equals"));
    }

    private static PolicySet toPolicySet(String name, ObjectNode filled) {
        PolicySet.DynamicGroup group = null;
        if (filled.has("dynamicGroup")) {
            JsonNode g = filled.get("dynamicGroup");
            group = new PolicySet.DynamicGroup(g.get("name").asText(), g.get("description").asText(),
                    g.get("matchingRule").asText(), g.get("matchingRuleByCompartment").asText());
        }
        JsonNode p = filled.get("policy");
        List<String> statements = new ArrayList<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        Iterator<JsonNode> why = p.get("reasons").elements();
        for (JsonNode s : p.get("statements")) {
            statements.add(s.asText());
            String reason = why.next().asText();
            if (!reason.isEmpty()) {
                reasons.put(s.asText(), reason);
            }
        }
        return new PolicySet(name, group, p.get("name").asText(), p.get("description").asText(),
                p.get("compartmentId").asText(), statements, reasons);
    }

    static boolean isIamName(String name) {
        return IAM_NAME.matcher(name).matches();
    }

    static int maxDescription() {
        return MAX_DESCRIPTION;
    }

    private static void requireFields(JsonNode node, Set<String> allowed, Set<String> required, String where) {
        if (node == null || !node.isObject()) {
            throw new ToolException(where + ": expected a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new ToolException(where + ": unknown field \"" + field + "\" (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        for (String field : required) {
            if (!node.has(field)) {
                throw new ToolException(where + ": missing field \"" + field + "\"");
            }
        }
    }
}
