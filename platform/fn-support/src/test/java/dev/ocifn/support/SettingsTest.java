package dev.ocifn.support;

import org.junit.Test;

import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class SettingsTest {
    private final Settings settings = new Settings(Map.of("MAX", "12", "BLANK", "  ", "BAD", "twelve", "BIG", "99"));

    @Test
    public void blankCountsAsUnset() {
        assertFalse(settings.has("BLANK"));
        assertEquals(7, settings.integer("BLANK", 7, 1, 50));
    }

    @Test
    public void numbersAreCheckedAgainstTheirRange() {
        assertEquals(12, settings.integer("MAX", 7, 1, 50));
        FnError bad = assertThrows(FnError.class, () -> settings.integer("BAD", 7, 1, 50));
        assertEquals(500, bad.status());
        assertEquals("the function configuration BAD must be a whole number from 1 to 50", bad.getMessage());
        assertThrows(FnError.class, () -> settings.integer("BIG", 7, 1, 50));
    }

    @Test
    public void aRequiredSettingNamesItselfAndTheCommandToSetIt() {
        FnError missing = assertThrows(FnError.class, () -> settings.required("BUCKET_NAME"));
        assertEquals("FunctionMisconfigured", missing.code());
        assertTrue(missing.getMessage(), missing.getMessage().contains("BUCKET_NAME"));
        assertTrue(missing.getMessage(), missing.getMessage().contains("(fn config function <app> <fn> BUCKET_NAME <value>)"));
    }

    @Test
    public void theCommandNamesTheApplicationAndFunctionWhenThePlatformGivesThem() {
        Settings named = new Settings(Map.of("FN_APP_NAME", "ocifn", "FN_FN_NAME", "pictures-fn"));
        FnError missing = assertThrows(FnError.class, () -> named.required("BUCKET_NAME"));
        assertEquals("the function configuration BUCKET_NAME is not set (fn config function ocifn pictures-fn BUCKET_NAME"
                + " <value>)", missing.getMessage());
    }
}
