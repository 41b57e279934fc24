package dev.ocifn.tools.policies;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class IamGrammarTest {
    private static final String C = "ocid1.compartment.oc1..aaaaaaaaexample";

    @Test
    public void statementsOfTheFactsSheetMatch() {
        String[] valid = {
            "Allow dynamic-group ocifn-usage-fn to read usage-report in tenancy",
            "Allow dynamic-group ocifn-search-fn to inspect all-resources in compartment id " + C,
            "Allow dynamic-group ocifn-pictures-fn to manage objects in compartment id " + C
                    + " where target.bucket.name = 'ocifn-pictures'",
            "Allow dynamic-group ocifn-model-proxy-fn to {DATA_SCIENCE_MODEL_DEPLOYMENT_PREDICT} in compartment id " + C,
            "Allow any-user to use functions-family in compartment id " + C
                    + " where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = '" + C + "'}",
            "allow group Administrators to read buckets in compartment Apps:Pictures",
            "Allow dynamic-group 'Default'/'ocifn-usage-fn' to read usage-report in tenancy",
            "Allow dynamic-group id ocid1.dynamicgroup.oc1..aaaaaaaaexample to read usage-report in tenancy",
            "Allow service objectstorage-eu-frankfurt-1 to manage object-family in compartment id " + C,
        };
        for (String statement : valid) {
            assertTrue(statement, IamGrammar.isStatement(statement));
        }
    }

    @Test
    public void typosAndHalfStatementsDoNot() {
        String[] invalid = {
            "Alow dynamic-group g to read usage-report in tenancy",
            "Allow dynamic-group g read usage-report in tenancy",
            "Allow dynamic-group g to own usage-report in tenancy",
            "Allow dynamic-group g to read usage-report in compartement id " + C,
            "Allow dynamic-group g to read usage-report in compartment id ocid1.fnfunc.oc1.eu-frankfurt-1.aaaa",
            "Allow dynamic-group g to read usage-report",
            "Allow dynamic-group g to read usage-report in tenancy where",
            "Allow dynamic-group g to {DATA_SCIENCE_MODEL_DEPLOYMENT_PREDICT in tenancy",
            "Allow any-user to use functions-family in compartment id " + C + " where ALL {request.principal.type = 'ApiGateway'",
            "Allow dynamic-group g to read usage-report in tenancy\nAllow any-user to manage all-resources in tenancy",
            "Allow dynamic-group g to read usage-report in tenancy;",
        };
        for (String statement : invalid) {
            assertFalse(statement, IamGrammar.isStatement(statement));
        }
    }

    @Test
    public void matchingRules() {
        assertTrue(IamGrammar.isMatchingRule("ALL {resource.type = 'fnfunc', resource.id = 'ocid1.fnfunc.oc1.eu-frankfurt-1.aaaa'}"));
        assertTrue(IamGrammar.isMatchingRule("ALL {resource.type = 'fnfunc', resource.compartment.id = '" + C + "'}"));
        assertFalse(IamGrammar.isMatchingRule("ALL {resource.type = 'fnfunc', resource.id = 'x'"));
        assertFalse(IamGrammar.isMatchingRule("ALL {instance.compartment.id = '" + C + "'}"));
        assertFalse(IamGrammar.isMatchingRule("ALL {resource.type = 'fnfunc', resource.id = ''}"));
    }

    @Test
    public void classifiers() {
        assertTrue(IamGrammar.isTenancyWide("Allow dynamic-group g to read usage-report in tenancy"));
        assertTrue(IamGrammar.isTenancyWide("Allow dynamic-group g to manage objects in tenancy where target.bucket.name = 'b'"));
        assertFalse(IamGrammar.isTenancyWide("Allow dynamic-group g to read usage-report in compartment tenancy-apps"));
        assertTrue(IamGrammar.grantsManageAll("Allow group g to manage all-resources in compartment id " + C));
        assertEquals("g-1", IamGrammar.dynamicGroupOf("Allow dynamic-group g-1 to read usage-report in tenancy"));
        assertNull(IamGrammar.dynamicGroupOf("Allow any-user to use functions-family in tenancy"));
    }
}
