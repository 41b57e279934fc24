package dev.ocifn.support;

import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import dev.ocifn.jdkhttp.SdkJson;
import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class StrictJsonTest {
    private static final String BASE = "\"timeUsageStarted\":\"2024-05-01T00:00:00Z\",\"timeUsageEnded\":\"2024-05-02T00:00:00Z\"";

    private static FnError refused(String json) {
        return assertThrows(FnError.class, () -> StrictJson.read(StrictJson.object(json.getBytes(StandardCharsets.UTF_8)),
                RequestSummarizedUsagesDetails.class));
    }

    @Test
    public void readsAValidModel() {
        RequestSummarizedUsagesDetails d = StrictJson.read(StrictJson.object(("{" + BASE + ",\"granularity\":\"DAILY\"}")
                .getBytes(StandardCharsets.UTF_8)), RequestSummarizedUsagesDetails.class);
        assertEquals(RequestSummarizedUsagesDetails.Granularity.Daily, d.getGranularity());
    }

    @Test
    public void unknownFieldsAreNamedWithTheirPathAndTheAllowedOnes() {
        // A name close to none of the allowed ones: they are listed (a close one is suggested, below).
        FnError e = refused("{" + BASE + ",\"filter\":{\"operator\":\"AND\",\"dimensions\":[{\"dimension\":\"x\",\"value\":\"y\"}]}}");
        assertTrue(e.getMessage(), e.getMessage().startsWith("filter.dimensions[0].dimension: unknown field; allowed here: [key, value]"));
    }

    @Test
    public void strictnessStaysWithTheReaderAndTheSharedMapperStaysLenient() throws Exception {
        String misspelled = "{" + BASE + ",\"granularity\":\"DAILY\",\"granularty\":\"DAILY\"}";
        assertTrue(refused(misspelled).getMessage().startsWith("granularty: unknown field"));
        // The same model through the mapper the SDK reads OCI's answers with: new fields are ignored.
        RequestSummarizedUsagesDetails d = Json.mapper().readValue(misspelled, RequestSummarizedUsagesDetails.class);
        assertEquals(RequestSummarizedUsagesDetails.Granularity.Daily, d.getGranularity());
        assertSame(SdkJson.mapper(), Json.mapper());
    }

    @Test
    public void enumValuesTheSdkWouldDropAreRefused() {
        assertTrue(refused("{" + BASE + ",\"filter\":{\"operator\":\"XOR\"}}").getMessage()
                .startsWith("filter.operator: unknown value 'XOR'"));
        assertTrue(refused("{" + BASE + ",\"granularity\":\"WEEKLY\"}").getMessage()
                .contains("allowed: HOURLY, DAILY, MONTHLY, TOTAL"));
    }

    @Test
    public void duplicateKeysAndTrailingGarbageAreNotJson() {
        assertEquals("body: is not valid JSON (line 1, column 25)",
                refused("{\"granularity\":\"DAILY\",\"granularity\":\"DAILY\"}").getMessage().replaceAll("column \\d+", "column 25"));
        assertTrue(refused("{\"granularity\":\"DAILY\"} x").getMessage().startsWith("body: is not valid JSON"));
    }

    private static FnError refusedEarly(String json) {
        return assertThrows(FnError.class, () -> StrictJson.rejectUnknown(StrictJson.object(json.getBytes(StandardCharsets.UTF_8)),
                RequestSummarizedUsagesDetails.class));
    }

    @Test
    public void aMisspelledFieldIsNamedWithTheFieldItWasMeantToBe() {
        assertEquals("granularty: unknown field; did you mean granularity?",
                refused("{" + BASE + ",\"granularty\":\"DAILY\"}").getMessage());
        assertEquals("filter.dimensions[0].kee: unknown field; did you mean key?",
                refused("{" + BASE + ",\"granularity\":\"DAILY\",\"filter\":{\"operator\":\"AND\",\"dimensions\":[{\"kee\":\"x\",\"value\":\"y\"}]}}")
                        .getMessage());
    }

    @Test
    public void rejectUnknownFindsWhatReadFindsWithoutLookingAtTheValues() {
        // The values are wrong or missing too: the unknown name is still what is reported.
        assertEquals("granularty: unknown field; did you mean granularity?",
                refusedEarly("{\"timeUsageStarted\":5,\"granularty\":\"DAILY\"}").getMessage());
        assertEquals("forecast.timeForecastStart: unknown field; did you mean timeForecastStarted?",
                refusedEarly("{\"forecast\":{\"timeForecastStart\":\"x\"}}").getMessage());
        assertEquals("filter.filters[1].dimensions[0].Key: unknown field; did you mean key?",
                refusedEarly("{\"filter\":{\"filters\":[{},{\"dimensions\":[{\"Key\":\"a\"}]}]}}").getMessage());
        assertEquals("groupByTag[0].nameSpace: unknown field; did you mean namespace?",
                refusedEarly("{\"groupByTag\":[{\"nameSpace\":\"a\"}]}").getMessage());
        // Far from every name: the allowed names, as read lists them.
        String far = "{" + BASE + ",\"granularity\":\"DAILY\",\"filter\":{\"dimensions\":[{\"dimension\":\"x\"}]}}";
        assertEquals(refused(far).getMessage(), refusedEarly(far).getMessage());
        assertTrue(refusedEarly(far).getMessage(), refusedEarly(far).getMessage().endsWith("allowed here: [key, value]"));
        // A body with only known fields passes, values unchecked; maps (tags) are not field names.
        StrictJson.rejectUnknown(StrictJson.object(("{\"granularity\":1,\"filter\":{\"operator\":\"XOR\",\"tags\":[{\"key\":\"k\"}]},"
                + "\"groupBy\":[\"service\"],\"forecast\":null}").getBytes(StandardCharsets.UTF_8)), RequestSummarizedUsagesDetails.class);
    }
}
