package dev.ocifn.tools.policies;

import java.util.ArrayList;
import java.util.List;

/**
 * Least-privilege rules every rendered policy must pass: statements in the IAM grammar, never
 * {@code manage all-resources}, {@code in tenancy} only with a stated reason and attached at the
 * tenancy, {@code any-user} only with a condition, and a function's statements granting to that
 * function's own dynamic group.
 */
public final class PolicyRules {
    private PolicyRules() {
    }

    public static List<String> violations(PolicySet set) {
        List<String> out = new ArrayList<>();
        if (!PolicyRenderer.isIamName(set.policyName())) {
            out.add("policy name '" + set.policyName() + "' is not a valid IAM name (letters, digits, . _ -; up to 100)");
        }
        checkDescription("policy", set.policyDescription(), out);
        PolicySet.DynamicGroup group = set.dynamicGroup();
        if (group != null) {
            if (!PolicyRenderer.isIamName(group.name())) {
                out.add("dynamic group name '" + group.name() + "' is not a valid IAM name");
            }
            checkDescription("dynamic group", group.description(), out);
            checkRule(group.matchingRule(), out);
            checkRule(group.matchingRuleByCompartment(), out);
            if (!group.matchingRule().contains("resource.id = '")) {
                out.add("matchingRule must name the function by resource.id; the compartment variant is matchingRuleByCompartment");
            }
        }
        boolean tenancyWide = false;
        for (String statement : set.statements()) {
            if (!IamGrammar.isStatement(statement)) {
                out.add("not an IAM statement this project writes: " + statement);
                continue;
            }
            if (IamGrammar.grantsManageAll(statement)) {
                out.add("grants manage all-resources: " + statement);
            }
            if (IamGrammar.isTenancyWide(statement)) {
                tenancyWide = true;
                if (!set.justifications().containsKey(statement)) {
                    out.add("tenancy-wide without a tenancyWideBecause reason: " + statement);
                }
            }
            if (IamGrammar.isAnyUser(statement) && !IamGrammar.hasCondition(statement)) {
                out.add("any-user without a where condition: " + statement);
            }
            String grantee = IamGrammar.dynamicGroupOf(statement);
            if (group != null && !group.name().equals(grantee)) {
                out.add("grants to " + (grantee == null ? "another subject" : "dynamic group " + grantee)
                        + " instead of this file's dynamic group " + group.name() + ": " + statement);
            }
        }
        if (tenancyWide && !set.compartmentId().startsWith("ocid1.tenancy.")) {
            out.add("a policy with an 'in tenancy' statement must be attached to the tenancy (compartmentId = tenancy OCID)");
        }
        return out;
    }

    private static void checkDescription(String what, String description, List<String> out) {
        if (description.isBlank() || description.length() > PolicyRenderer.maxDescription()) {
            out.add(what + " description must have 1 to " + PolicyRenderer.maxDescription() + " characters");
        }
    }

    private static void checkRule(String rule, List<String> out) {
        if (!IamGrammar.isMatchingRule(rule)) {
            out.add("not a matching rule: " + rule);
        } else if (!rule.contains("resource.type = 'fnfunc'")) {
            out.add("matching rule must be limited to functions (resource.type = 'fnfunc'): " + rule);
        }
    }
}
