package dev.ocifn.bench;

import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class TemplateTest {
    private static final Template TWO = Template.parse("t", "about the file\n<!-- part: a -->\nHello ${who}.\n\n"
            + "<!-- part: b -->\n- ${x} and ${x}\n");

    @Test
    public void partsRunFromTheirMarkerToTheLineBreakBeforeTheNext() {
        assertEquals(List.of("a", "b"), List.copyOf(TWO.parts()));
        assertEquals("Hello ${who}.\n", TWO.text("a"));
        assertEquals("- ${x} and ${x}", TWO.text("b"));
        assertEquals(Set.of("x"), TWO.placeholders("b"));
    }

    @Test
    public void valuesAreInsertedAsTheyAre() {
        assertEquals("Hello ${who} $1 \\.\n", TWO.fill("a", Map.of("who", "${who} $1 \\")));
    }

    @Test
    public void aPlaceholderWithoutValueOrAValueWithoutPlaceholderIsAnError() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> TWO.fill("a", Map.of()));
        assertTrue(missing.getMessage(), missing.getMessage().contains("no value for ${who} in t part a"));
        IllegalStateException extra = assertThrows(IllegalStateException.class,
                () -> TWO.fill("a", Map.of("who", "me", "whom", "you")));
        assertTrue(extra.getMessage(), extra.getMessage().contains("t part a has no ${whom}"));
        assertThrows(IllegalStateException.class, () -> TWO.text("c"));
        assertThrows(IllegalStateException.class, () -> Template.parse("t", "no parts\n"));
        assertThrows(IllegalStateException.class, () -> Template.parse("t", "x\n<!-- part: a -->\n1\n<!-- part: a -->\n2\n"));
    }

    @Test
    public void theReportTemplateHasThePartsTheReportFills() {
        Template report = Template.load("/benchmarks.md.template");
        assertEquals(Set.of("document", "variants", "levers", "ownMedians", "function", "noScenario", "failedRuns"),
                report.parts());
        assertTrue(report.text("document").startsWith("# Benchmarks: cold start and memory\n"));
    }
}
