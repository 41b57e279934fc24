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
        FnError e = refused("{" + BASE + ",\"filter\":{\"operator\":\"AND\",\"dimensions\":[{\"kee\":\"x\",\"value\":\"y\"}]}}");
        assertTrue(e.getMessage(), e.getMessage().startsWith("filter.dimensions[0].kee: unknown field; allowed here: [key, value]"));
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
}
