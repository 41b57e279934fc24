package dev.ocifn.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class PagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_MESSAGE = "page: must be the nextPage token of an earlier answer: printable ASCII, "
            + "at most " + Paging.MAX_TOKEN + " characters, no space at either end";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static void refused(String message, ThrowingRunnable call) {
        FnError e = assertThrows(FnError.class, call);
        assertEquals(400, e.status());
        assertEquals("InvalidParameter", e.code());
        assertEquals(message, e.getMessage());
    }

    private static void badPage(String token) {
        refused(PAGE_MESSAGE, () -> Paging.page(token));
    }

    private static void badLimit(String raw, int max) {
        refused("limit: must be a whole number from 1 to " + max, () -> Paging.limit(raw, max));
    }

    @Test
    public void tokensOciHandsOutPassAsTheyAre() {
        for (String token : new String[]{"p", "eyJwYWdlIjoyfQ==", "eyJwYWdlIjoyfQ==+/x&y?#%", "my holiday.jpg",
                "~!\"$'()*,;:<>@[\\]^_`{|}", "t".repeat(Paging.MAX_TOKEN)}) {
            assertEquals(token, Paging.page(token));
        }
    }

    @Test
    public void aTokenNoHeaderCouldCarryIsRefused() {
        badPage("");
        badPage("t".repeat(Paging.MAX_TOKEN + 1));
        badPage(" leading");
        badPage("trailing ");
        badPage(" ");
        badPage("a\nb");
        badPage("a\r\nSet-Cookie: x");
        badPage("a\tb");
        badPage("a\u0000b");
        badPage("a\u007fb");
        badPage("caf\u00e9");
        badPage("a\u2028b");
    }

    @Test
    public void aPageBodyFieldMustBeAString() throws Exception {
        assertEquals("p2", Paging.page(json("\"p2\"")));
        refused(PAGE_MESSAGE, () -> Paging.page(json("2")));
        refused(PAGE_MESSAGE, () -> Paging.page(json("null")));
        refused(PAGE_MESSAGE, () -> Paging.page(json("[\"p2\"]")));
        refused(PAGE_MESSAGE, () -> Paging.page(json("\"a\\u0000b\"")));
        refused(PAGE_MESSAGE, () -> Paging.page((JsonNode) null));
    }

    @Test
    public void aLimitIsAWholeNumberUpToTheFunctionsMaximum() {
        assertEquals(1, Paging.limit("1", 1000));
        assertEquals(1000, Paging.limit("1000", 1000));
        assertEquals(10_000, Paging.limit("10000", 10_000));
        badLimit("0", 1000);
        badLimit("-1", 1000);
        badLimit("1001", 1000);
        badLimit("10001", 10_000);
        badLimit("", 1000);
        badLimit("ten", 1000);
        badLimit("1.5", 1000);
        badLimit("1e3", 1000);
        badLimit(" 5", 1000);
        badLimit("99999999999", 1000);
    }

    @Test
    public void aLimitBodyFieldMustBeAJsonInteger() throws Exception {
        assertEquals(50, Paging.limit(json("50"), 1000));
        for (String bad : new String[]{"0", "1001", "\"10\"", "2.5", "10.0", "99999999999", "null", "true"}) {
            refused("limit: must be a whole number from 1 to 1000", () -> Paging.limit(json(bad), 1000));
        }
    }

    @Test
    public void fromQueryChecksBothAndSaysWhetherTheCallerPages() {
        Paging none = Paging.fromQuery(Optional.empty(), Optional.empty(), 1000);
        assertFalse(none.chosenByCaller());
        assertEquals(100, none.limitOr(100));

        Paging both = Paging.fromQuery(Optional.of("p2"), Optional.of("7"), 1000);
        assertTrue(both.chosenByCaller());
        assertEquals(Optional.of("p2"), both.page());
        assertEquals(7, both.limitOr(100));
        assertTrue(Paging.fromQuery(Optional.of("p2"), Optional.empty(), 1000).chosenByCaller());
        assertTrue(Paging.fromQuery(Optional.empty(), Optional.of("3"), 1000).chosenByCaller());

        refused("limit: must be a whole number from 1 to 1000",
                () -> Paging.fromQuery(Optional.of("p2"), Optional.of("0"), 1000));
        refused(PAGE_MESSAGE, () -> Paging.fromQuery(Optional.of("a\nb"), Optional.of("5"), 1000));
    }
}
