package dev.ocifn.search;

import com.fnproject.fn.testing.FnTestingRule;
import dev.ocifn.testkit.FnGateway;
import dev.ocifn.testkit.OciServerRule;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.List;

import static org.junit.Assert.assertTrue;

/** Each bad request is a 400 naming the field, through the gateway and fn invoke, and nothing reaches OCI. */
@RunWith(Parameterized.class)
public class SearchValidationTest {
    @ClassRule
    public static final OciServerRule OCI = OciServerRule.start();
    private static final String Q = "\"type\":\"Structured\",\"query\":\"query all resources\"";
    private static final String T = "\"type\":\"FreeText\",\"text\":\"sales\"";
    private static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaothertenancy42";
    private static final String GATEWAY = "gateway";
    private static final String INVOKE = "invoke";

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return List.of(
                bad("malformed JSON", "{\"type\":", "body", "not valid JSON"),
                bad("malformed JSON via invoke", "{\"type\":\"Structured\",", "body", "not valid JSON").via(INVOKE),
                bad("not an object", "[\"query all resources\"]", "body", "must be a JSON object"),
                bad("empty body", "", "body", "is empty"),
                bad("missing type", "{\"query\":\"query all resources\"}", "type", "is required and must be Structured or FreeText"),
                bad("missing type via invoke", "{\"text\":\"sales\"}", "type", "must be Structured or FreeText").via(INVOKE),
                bad("null type", "{\"type\":null,\"query\":\"query all resources\"}", "type", "must be Structured or FreeText"),
                bad("unknown type", "{\"type\":\"Fuzzy\",\"query\":\"query all resources\"}", "type", "must be Structured or FreeText"),
                bad("type in the wrong case", "{\"type\":\"structured\",\"query\":\"q\"}", "type", "must be Structured or FreeText"),
                bad("type not a string", "{\"type\":1,\"query\":\"q\"}", "type", "must be Structured or FreeText"),
                bad("structured without query", "{\"type\":\"Structured\"}", "query", "is required for type Structured"),
                bad("structured with null query", "{\"type\":\"Structured\",\"query\":null}", "query", "is required"),
                bad("structured with empty query", "{\"type\":\"Structured\",\"query\":\"\"}", "query", "must not be empty"),
                bad("structured with blank query", "{\"type\":\"Structured\",\"query\":\"  \\t \"}", "query", "must not be empty"),
                bad("query not a string", "{\"type\":\"Structured\",\"query\":5}", "query", "must be a string"),
                bad("free text without text", "{\"type\":\"FreeText\"}", "text", "is required for type FreeText"),
                bad("free text with empty text", "{\"type\":\"FreeText\",\"text\":\"\"}", "text", "must not be empty").via(INVOKE),
                bad("text not a string", "{\"type\":\"FreeText\",\"text\":[\"a\"]}", "text", "must be a string"),
                bad("structured with text", "{" + Q + ",\"text\":\"sales\"}", "text", "unknown field; allowed for type Structured"),
                bad("free text with query", "{" + T + ",\"query\":\"query all resources\"}", "query", "unknown field; allowed for type FreeText"),
                bad("misspelled field", "{" + Q + ",\"matchingContext\":\"HIGHLIGHTS\"}", "matchingContext", "unknown field"),
                bad("unknown field via invoke", "{" + T + ",\"compartmentId\":\"ocid1.compartment.oc1..x\"}", "compartmentId",
                        "unknown field").via(INVOKE),
                bad("misspelled type", "{\"tpye\":\"Structured\",\"query\":\"query all resources\"}", "tpye",
                        "unknown field; did you mean type?"),
                bad("misspelled query", "{\"type\":\"Structured\",\"qeury\":\"query all resources\"}", "qeury",
                        "unknown field; did you mean query?"),
                bad("misspelled text via invoke", "{\"type\":\"FreeText\",\"txt\":\"sales\"}", "txt",
                        "unknown field; did you mean text?").via(INVOKE),
                bad("paging field in the wrong case via invoke", "{" + Q + ",\"Limit\":5}", "Limit",
                        "unknown field; did you mean limit?").via(INVOKE),
                bad("far field without a type", "{\"compartmentId\":\"x\"}", "compartmentId",
                        "unknown field; allowed: type, query (type Structured), text (type FreeText)"),
                bad("unknown matchingContextType", "{" + Q + ",\"matchingContextType\":\"ALL\"}", "matchingContextType",
                        "allowed: NONE, HIGHLIGHTS"),
                bad("matchingContextType in the wrong case", "{" + T + ",\"matchingContextType\":\"highlights\"}",
                        "matchingContextType", "allowed: NONE, HIGHLIGHTS"),
                bad("matchingContextType not a string", "{" + T + ",\"matchingContextType\":true}", "matchingContextType",
                        "allowed: NONE, HIGHLIGHTS"),
                bad("limit 0", "{" + Q + "}", "limit", "whole number from 1 to 1000").query("?limit=0"),
                bad("limit 1001", "{" + Q + "}", "limit", "whole number from 1 to 1000").query("?limit=1001"),
                bad("limit not a number", "{" + Q + "}", "limit", "whole number").query("?limit=ten"),
                bad("limit a fraction", "{" + Q + "}", "limit", "whole number").query("?limit=1.5"),
                bad("limit empty", "{" + Q + "}", "limit", "whole number").query("?limit="),
                bad("body limit 0", "{" + Q + ",\"limit\":0}", "limit", "whole number from 1 to 1000").via(INVOKE),
                bad("body limit 1001", "{" + Q + ",\"limit\":1001}", "limit", "from 1 to 1000").via(INVOKE),
                bad("body limit as a string", "{" + Q + ",\"limit\":\"10\"}", "limit", "whole number").via(INVOKE),
                bad("body limit a fraction", "{" + Q + ",\"limit\":2.5}", "limit", "whole number").via(INVOKE),
                bad("body limit huge", "{" + Q + ",\"limit\":99999999999}", "limit", "whole number").via(INVOKE),
                bad("body limit null", "{" + Q + ",\"limit\":null}", "limit", "whole number").via(INVOKE),
                bad("empty page token", "{" + Q + "}", "page", "nextPage token").query("?page="),
                bad("page token starting with a space", "{" + Q + "}", "page", "nextPage token").query("?page=%20ab"),
                bad("page token with a newline", "{" + Q + "}", "page", "nextPage token").query("?page=a%0Ab"),
                bad("page token too long", "{" + Q + "}", "page", "at most 4096").query("?page=" + "a".repeat(4097)),
                bad("body page not a string", "{" + Q + ",\"page\":2}", "page", "nextPage token").via(INVOKE),
                bad("body page null", "{" + Q + ",\"page\":null}", "page", "nextPage token").via(INVOKE),
                bad("body page with control characters", "{" + Q + ",\"page\":\"a\\u0000b\"}", "page", "nextPage token").via(INVOKE),
                bad("tenantId a compartment", "{" + Q + "}", "tenantId", "tenancy OCID").query("?tenantId=ocid1.compartment.oc1..x"),
                bad("tenantId not an OCID", "{" + Q + "}", "tenantId", "tenancy OCID").query("?tenantId=mytenancy"),
                bad("tenantId with a path", "{" + Q + "}", "tenantId", "tenancy OCID")
                        .query("?tenantId=ocid1.tenancy.oc1..x%2F..%2Fy"),
                bad("body tenantId a user", "{" + T + ",\"tenantId\":\"ocid1.user.oc1..x\"}", "tenantId", "tenancy OCID").via(INVOKE),
                bad("body tenantId not a string", "{" + T + ",\"tenantId\":{}}", "tenantId", "tenancy OCID").via(INVOKE),
                bad("limit both ways", "{" + Q + ",\"limit\":5}", "limit", "both as a query parameter and in the body").query("?limit=5"),
                bad("page both ways", "{" + Q + ",\"page\":\"p2\"}", "page", "both as a query parameter").query("?page=p2"),
                bad("tenantId both ways", "{" + Q + ",\"tenantId\":\"" + TENANCY + "\"}", "tenantId", "both as a query parameter")
                        .query("?tenantId=" + TENANCY),
                bad("duplicate field", "{" + Q + ",\"query\":\"query all resources\"}", "body", "not valid JSON"))
                .stream().map(Case::row).toList();
    }

    /** One bad request: body, expected field and words, and how it is sent. */
    private record Case(String name, String body, String field, String says, String query, String via) {
        Case query(String q) {
            return new Case(name, body, field, says, q, via);
        }

        Case via(String how) {
            return new Case(name, body, field, says, query, how);
        }

        Object[] row() {
            return new Object[]{name, this};
        }
    }

    private static Case bad(String name, String body, String field, String says) {
        return new Case(name, body, field, says, "", GATEWAY);
    }

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final Case bad;

    public SearchValidationTest(String name, Case bad) {
        this.bad = bad;
    }

    @Test
    public void isRefusedBeforeAnyOciCall() throws Exception {
        OCI.configure(fn);
        if (bad.via().equals(GATEWAY)) {
            FnGateway.json(fn, "POST", SearchFunctionTest.URL + bad.query(), bad.body()).enqueue();
        } else {
            fn.givenEvent().withBody(bad.body()).enqueue();
        }
        fn.thenRun(SearchFunction.class, "handleRequest");

        String message = OCI.refused(fn.getOnlyResult(), 400, "InvalidParameter").message();
        assertTrue(message, message.startsWith(bad.field() + ": "));
        assertTrue(message, message.contains(bad.says()));
    }
}
