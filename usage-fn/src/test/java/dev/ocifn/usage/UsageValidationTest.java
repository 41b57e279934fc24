package dev.ocifn.usage;

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

/** Each bad body is a 400 naming the field, and nothing reaches OCI. */
@RunWith(Parameterized.class)
public class UsageValidationTest {
    @ClassRule
    public static final OciServerRule OCI = OciServerRule.start();
    private static final String START = "\"timeUsageStarted\":\"2024-05-01T00:00:00Z\"";
    private static final String END = "\"timeUsageEnded\":\"2024-05-03T00:00:00Z\"";
    private static final String DAILY = "\"granularity\":\"DAILY\"";

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return List.of(
                bad("malformed JSON", "{\"granularity\":", "body", "not valid JSON"),
                bad("not an object", "[1,2]", "body", "must be a JSON object"),
                bad("empty body", "", "body", "is empty"),
                bad("misspelled field", "{" + START + "," + END + "," + DAILY + ",\"grupBy\":[\"service\"]}", "grupBy", "unknown field"),
                bad("unknown nested field", "{" + START + "," + END + "," + DAILY
                        + ",\"filter\":{\"operator\":\"AND\",\"dimensions\":[{\"kee\":\"service\",\"value\":\"COMPUTE\"}]}}",
                        "filter.dimensions[0].kee", "unknown field"),
                bad("misspelled required field", "{" + START + "," + END + ",\"granularty\":\"DAILY\"}", "granularty",
                        "unknown field; did you mean granularity?"),
                bad("required field in the wrong case", "{" + START + ",\"TimeUsageEnded\":1," + DAILY + "}", "TimeUsageEnded",
                        "unknown field; did you mean timeUsageEnded?"),
                bad("misspelled nested field", "{" + START + "," + END + "," + DAILY
                        + ",\"forecast\":{\"timeForecastEnd\":\"2024-06-01T00:00:00Z\"}}", "forecast.timeForecastEnd",
                        "did you mean timeForecastEnded?"),
                bad("missing start", "{" + END + "," + DAILY + "}", "timeUsageStarted", "is required"),
                bad("missing end", "{" + START + "," + DAILY + "}", "timeUsageEnded", "is required"),
                bad("missing granularity", "{" + START + "," + END + "}", "granularity", "is required"),
                bad("unknown granularity", "{" + START + "," + END + ",\"granularity\":\"WEEKLY\"}", "granularity",
                        "allowed: HOURLY, DAILY, MONTHLY, TOTAL"),
                bad("unknown queryType", "{" + START + "," + END + "," + DAILY + ",\"queryType\":\"PRICE\"}", "queryType",
                        "allowed: USAGE, COST"),
                bad("unknown filter operator", "{" + START + "," + END + "," + DAILY
                        + ",\"filter\":{\"operator\":\"XOR\",\"dimensions\":[]}}", "filter.operator", "unknown value 'XOR'"),
                bad("timestamp not ISO-8601", "{\"timeUsageStarted\":\"05/01/2024\"," + END + "," + DAILY + "}",
                        "timeUsageStarted", "ISO-8601"),
                bad("timestamp as a number", "{\"timeUsageStarted\":1714521600000," + END + "," + DAILY + "}",
                        "timeUsageStarted", "ISO-8601"),
                bad("end before start", "{\"timeUsageStarted\":\"2024-05-03T00:00:00Z\",\"timeUsageEnded\":\"2024-05-01T00:00:00Z\","
                        + DAILY + "}", "timeUsageEnded", "must be after timeUsageStarted"),
                bad("end equals start", "{" + START + ",\"timeUsageEnded\":\"2024-05-01T00:00:00Z\"," + DAILY + "}",
                        "timeUsageEnded", "must be after"),
                bad("daily not at midnight", "{\"timeUsageStarted\":\"2024-05-01T10:30:00Z\"," + END + "," + DAILY + "}",
                        "timeUsageStarted", "nearest valid values: 2024-05-01T00:00:00Z or 2024-05-02T00:00:00Z"),
                bad("monthly not at midnight", "{" + START + ",\"timeUsageEnded\":\"2024-06-01T00:00:01Z\",\"granularity\":\"MONTHLY\"}",
                        "timeUsageEnded", "MONTHLY granularity needs a timestamp at 00:00:00Z"),
                bad("tenantId not a tenancy", "{\"tenantId\":\"ocid1.compartment.oc1..x\"," + START + "," + END + "," + DAILY + "}",
                        "tenantId", "tenancy OCID"),
                bad("wrong type", "{" + START + "," + END + "," + DAILY + ",\"groupBy\":\"service\"}", "groupBy", "JSON array"),
                bad("limit 0", "{" + START + "," + END + "," + DAILY + "}", "limit", "whole number from 1 to 10000", "?limit=0"),
                bad("limit 10001", "{" + START + "," + END + "," + DAILY + "}", "limit", "whole number from 1 to 10000", "?limit=10001"),
                bad("bad page token", "{" + START + "," + END + "," + DAILY + "}", "page", "nextPage token", "?page=a%0Ab"));
    }

    private static Object[] bad(String name, String body, String field, String says) {
        return bad(name, body, field, says, "");
    }

    private static Object[] bad(String name, String body, String field, String says, String query) {
        return new Object[]{name, body, field, says, query};
    }

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();

    private final String body;
    private final String field;
    private final String says;
    private final String query;

    public UsageValidationTest(String name, String body, String field, String says, String query) {
        this.body = body;
        this.field = field;
        this.says = says;
        this.query = query;
    }

    @Test
    public void isRefusedBeforeAnyOciCall() throws Exception {
        OCI.configure(fn);
        FnGateway.json(fn, "POST", "/usage/request-summarized-usages" + query, body).enqueue();
        fn.thenRun(UsageFunction.class, "handleRequest");

        String message = OCI.refused(fn.getOnlyResult(), 400, "InvalidParameter").message();
        assertTrue(message, message.startsWith(field + ": "));
        assertTrue(message, message.contains(says));
    }
}
