package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.resourcesearch.model.ResourceSummary;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import org.junit.Test;

import java.time.Instant;
import java.util.Date;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class SdkJsonTest {
    private final ObjectMapper mapper = JdkHttpSerializer.INSTANCE.mapper();

    @Test
    public void writesSetPropertiesAndExplicitNullsOnly() throws Exception {
        RequestSummarizedUsagesDetails details = RequestSummarizedUsagesDetails.builder()
                .tenantId("t").timeUsageStarted(Date.from(Instant.parse("2024-05-01T00:00:00Z"))).filter(null).build();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(details));
        assertEquals("t", json.get("tenantId").asText());
        assertEquals("2024-05-01T00:00:00.000Z", json.get("timeUsageStarted").asText());
        assertTrue(json.has("filter"));
        assertTrue(json.get("filter").isNull());
        assertFalse(json.has("granularity"));
        assertFalse(json.has("__explicitlySet__"));
        assertEquals(3, json.size());
    }

    @Test
    public void readsUnknownFieldsAndDatesWithOrWithoutMillis() throws Exception {
        ResourceSummary r = mapper.readValue("{\"displayName\":\"x\",\"brandNew\":true,\"timeCreated\":\"2024-05-01T10:11:12Z\"}",
                ResourceSummary.class);
        assertEquals("x", r.getDisplayName());
        assertEquals(Instant.parse("2024-05-01T10:11:12Z"), r.getTimeCreated().toInstant());
    }

    @Test
    public void configureAppliesTheSameConventionsToAnotherMapper() throws Exception {
        ObjectMapper other = SdkJson.configure(new ObjectMapper());
        RequestSummarizedUsagesDetails details = RequestSummarizedUsagesDetails.builder().tenantId("t").build();
        assertEquals("{\"tenantId\":\"t\"}", other.writeValueAsString(details));
    }
}
