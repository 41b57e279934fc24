package dev.ocifn.tools.policies;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * One rendered policy file: an optional dynamic group (the function's identity) and the policy
 * that grants it what it needs. {@code justifications} maps each tenancy-wide statement to why a
 * narrower location does not exist or was chosen away.
 */
public final class PolicySet {
    private final String name;
    private final DynamicGroup dynamicGroup;
    private final String policyName;
    private final String policyDescription;
    private final String compartmentId;
    private final List<String> statements;
    private final Map<String, String> justifications;

    public PolicySet(String name, DynamicGroup dynamicGroup, String policyName, String policyDescription,
                     String compartmentId, List<String> statements, Map<String, String> justifications) {
        this.name = name;
        this.dynamicGroup = dynamicGroup;
        this.policyName = policyName;
        this.policyDescription = policyDescription;
        this.compartmentId = compartmentId;
        this.statements = List.copyOf(statements);
        this.justifications = Map.copyOf(justifications);
    }

    /** A dynamic group with its two matching-rule variants. */
    public static final class DynamicGroup {
        private final String name;
        private final String description;
        private final String matchingRule;
        private final String matchingRuleByCompartment;

        public DynamicGroup(String name, String description, String matchingRule, String matchingRuleByCompartment) {
            this.name = name;
            this.description = description;
            this.matchingRule = matchingRule;
            this.matchingRuleByCompartment = matchingRuleByCompartment;
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        /** Matches the one function by its OCID: the least-privilege default. */
        public String matchingRule() {
            return matchingRule;
        }

        /** Matches every function in the compartment: survives re-creating a function, grants more. */
        public String matchingRuleByCompartment() {
            return matchingRuleByCompartment;
        }
    }

    /** The template's name: the function's name, or {@code gateway}. */
    public String name() {
        return name;
    }

    /** Null for the gateway policy, which grants to the API Gateway service, not to a group. */
    public DynamicGroup dynamicGroup() {
        return dynamicGroup;
    }

    public String policyName() {
        return policyName;
    }

    public String policyDescription() {
        return policyDescription;
    }

    /** Where the policy is attached: the tenancy when a statement says {@code in tenancy}. */
    public String compartmentId() {
        return compartmentId;
    }

    public List<String> statements() {
        return statements;
    }

    public Map<String, String> justifications() {
        return justifications;
    }

    /** The statements as {@code oci iam policy create --statements file://...} takes them. */
    public ArrayNode statementsJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        statements.forEach(out::add);
        return out;
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (dynamicGroup != null) {
            ObjectNode dg = out.putObject("dynamicGroup");
            dg.put("name", dynamicGroup.name);
            dg.put("description", dynamicGroup.description);
            dg.put("matchingRule", dynamicGroup.matchingRule);
            dg.put("matchingRuleByCompartment", dynamicGroup.matchingRuleByCompartment);
        }
        ObjectNode policy = out.putObject("policy");
        policy.put("name", policyName);
        policy.put("description", policyDescription);
        policy.put("compartmentId", compartmentId);
        policy.set("statements", statementsJson());
        return out;
    }
}
