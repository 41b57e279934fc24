package dev.ocifn.support;

import org.junit.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;

public class FieldNamesTest {
    private static final List<String> USAGE = List.of("timeUsageStarted", "timeUsageEnded", "granularity", "groupBy",
            "groupByTag", "filter", "forecast", "queryType", "tenantId", "isAggregateByTime", "compartmentDepth");

    private static Optional<String> nearest(String given, String... known) {
        return FieldNames.nearest(given, List.of(known));
    }

    @Test
    public void aTypoSuggestsTheFieldItWasMeantToBe() {
        assertEquals(Optional.of("granularity"), FieldNames.nearest("granularty", USAGE));
        assertEquals(Optional.of("groupBy"), FieldNames.nearest("grupBy", USAGE));
        assertEquals(Optional.of("timeUsageEnded"), FieldNames.nearest("timeUsageEnd", USAGE));
        assertEquals(Optional.of("key"), nearest("kee", "key", "value"));
    }

    @Test
    public void aSwappedPairIsOneEdit() {
        assertEquals(1, FieldNames.distance("qeury", "query"));
        assertEquals(Optional.of("query"), nearest("qeury", "type", "query", "matchingContextType"));
        assertEquals(Optional.of("granularity"), FieldNames.nearest("garnularity", USAGE));
    }

    @Test
    public void caseAloneIsNoEdit() {
        assertEquals(Optional.of("granularity"), FieldNames.nearest("Granularity", USAGE));
        assertEquals(Optional.of("tenantId"), FieldNames.nearest("TENANTID", USAGE));
        assertEquals(Optional.of("fileUpload"), nearest("fileupload", "fileUpload"));
    }

    @Test
    public void aFarNameSuggestsNothing() {
        assertEquals(Optional.empty(), FieldNames.nearest("compartmentId", USAGE));
        assertEquals(Optional.empty(), nearest("matchingContext", "type", "query", "matchingContextType"));
        assertEquals(Optional.empty(), nearest("text", "type", "query", "matchingContextType", "limit", "page", "tenantId"));
    }

    @Test
    public void aShortNameNeedsACloseMatch() {
        // Two edits turn "ab" into almost anything: a third of the length allows one.
        assertEquals(Optional.empty(), nearest("id", "key"));
        assertEquals(Optional.of("key"), nearest("ky", "key"));
        assertEquals(Optional.empty(), nearest("kxy", "kyz"));
    }

    @Test
    public void ofSeveralTheNearestWinsAndTiesAreDeterministic() {
        assertEquals(Optional.of("groupBy"), FieldNames.nearest("groupBx", USAGE));
        assertEquals(Optional.of("groupByTag"), FieldNames.nearest("groupByTog", USAGE));
        // Equal edits: the better case match, then the alphabetically first, in any order given.
        assertEquals(Optional.of("pageA"), nearest("pagex", "pageB", "pageA"));
        assertEquals(Optional.of("pageA"), nearest("pagex", "pageA", "pageB"));
        assertEquals(Optional.of("limit"), nearest("Limit", "LIMIT", "limit"));
        assertEquals(Optional.of("Limit"), nearest("LImit", "limit", "Limit"));
    }

    @Test
    public void theMessageNamesTheSuggestionOrFallsBack() {
        assertEquals("granularty: unknown field; did you mean granularity?",
                FieldNames.unknown("granularty", "granularty", USAGE, "allowed here: [...]").getMessage());
        assertEquals("a.b: unknown field; allowed here: [key, value]",
                FieldNames.unknown("a.b", "b", List.of("key", "value"), "allowed here: [key, value]").getMessage());
        assertEquals(400, FieldNames.unknown("x", "x", List.of(), "").status());
    }
}
