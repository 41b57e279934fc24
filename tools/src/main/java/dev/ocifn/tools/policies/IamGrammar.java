package dev.ocifn.tools.policies;

import java.util.regex.Pattern;

/**
 * The subset of the IAM policy language and of dynamic-group matching rules this project writes,
 * as regular expressions. Strict on purpose: a statement that does not match is more likely a
 * typo than an exotic form, and IAM itself only reports errors at {@code policy create}.
 */
public final class IamGrammar {
    /** ocid1.&lt;type&gt;.&lt;realm&gt;.[region][.future].&lt;unique id&gt; */
    private static final String OCID_TAIL = "\\.[a-z0-9]+\\.[a-z0-9-]*(?:\\.[a-z0-9-]+)?\\.[a-z0-9]+";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private static final String GROUP_REF = "(?:id ocid1\\.(?:dynamicgroup|group)" + OCID_TAIL
            + "|'" + NAME + "'/'" + NAME + "'|" + NAME + ")";
    private static final String SUBJECT = "(?:(?:dynamic-group|group) " + GROUP_REF + "|any-user|service [a-z][a-z0-9-]*)";
    private static final String VERB = "(?:inspect|read|use|manage)";
    private static final String RESOURCE = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
    private static final String PERMISSIONS = "\\{[A-Z][A-Z0-9_]*(?:, ?[A-Z][A-Z0-9_]*)*}";
    private static final String LOCATION = "(?:tenancy|compartment id ocid1\\.(?:compartment|tenancy)" + OCID_TAIL
            + "|compartment " + NAME + "(?::" + NAME + ")*)";
    private static final String VARIABLE = "[a-z][a-zA-Z0-9_]*(?:\\.[a-z][a-zA-Z0-9_]*)+";
    private static final String CONDITION = VARIABLE + " ?!?= ?(?:'[^'\\r\\n]*'|[A-Za-z0-9._-]+)";
    private static final String CONDITIONS = "(?:" + CONDITION + "|(?:ALL|ANY) ?\\{ ?" + CONDITION
            + "(?:, ?" + CONDITION + ")* ?})";

    /** {@code Allow <subject> to <verb> <resource-type> | {PERMISSION,...} in <location> [where <conditions>]} */
    public static final Pattern STATEMENT = Pattern.compile("Allow " + SUBJECT + " to (?:" + VERB + " " + RESOURCE
            + "|" + PERMISSIONS + ") in " + LOCATION + "(?: where " + CONDITIONS + ")?", Pattern.CASE_INSENSITIVE);

    private static final String RULE_CONDITION = "resource\\.(?:type|id|compartment\\.id) = '[A-Za-z0-9._-]+'";
    /** {@code ALL {resource.type = 'fnfunc', resource.id = '...'}} and the like. */
    public static final Pattern MATCHING_RULE = Pattern.compile("(?:(?:ALL|ANY) \\{" + RULE_CONDITION
            + "(?:, " + RULE_CONDITION + ")*}|" + RULE_CONDITION + ")");

    private static final Pattern IN_TENANCY = Pattern.compile(" in tenancy(?: where |$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MANAGE_ALL = Pattern.compile(" to manage all-resources ", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_USER = Pattern.compile("^Allow any-user ", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBJECT_GROUP = Pattern.compile("^Allow dynamic-group (?:'" + NAME + "'/'(" + NAME
            + ")'|(" + NAME + ")) to ", Pattern.CASE_INSENSITIVE);

    private IamGrammar() {
    }

    public static boolean isStatement(String statement) {
        return STATEMENT.matcher(statement).matches();
    }

    public static boolean isMatchingRule(String rule) {
        return MATCHING_RULE.matcher(rule).matches();
    }

    public static boolean isTenancyWide(String statement) {
        return IN_TENANCY.matcher(statement).find();
    }

    public static boolean grantsManageAll(String statement) {
        return MANAGE_ALL.matcher(statement).find();
    }

    public static boolean isAnyUser(String statement) {
        return ANY_USER.matcher(statement).find();
    }

    public static boolean hasCondition(String statement) {
        return statement.toLowerCase(java.util.Locale.ROOT).contains(" where ");
    }

    /**
     * The dynamic group a statement grants to, when it names one by name (plain, or
     * {@code '<identity domain>'/'<group>'}); null otherwise.
     */
    public static String dynamicGroupOf(String statement) {
        java.util.regex.Matcher m = SUBJECT_GROUP.matcher(statement);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
