package dev.ocifn.support;

import com.fnproject.fn.api.RuntimeContext;

import java.util.Map;
import java.util.Optional;

/**
 * Every setting a function reads, taken from the Fn configuration. In OCI Functions that
 * configuration includes the container environment, so resource-principal variables, function
 * config and test config ({@code FnTestingRule.setConfig}) all arrive through this one path.
 */
public final class Settings {
    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(RuntimeContext context) {
        return new Settings(context.getConfiguration());
    }

    /** The value, or empty when unset or blank. */
    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    /**
     * A setting the function cannot work without: missing gives a 500 naming it and the command
     * that sets it, with this application's and function's names where the platform gives them
     * ({@code FN_APP_NAME}, {@code FN_FN_NAME}: the names fdk-java's FunctionRuntimeContext reads).
     */
    public String required(String key) {
        return get(key).orElseThrow(() -> FnError.misconfigured("the function configuration " + key + " is not set (fn config"
                + " function " + get("FN_APP_NAME").orElse("<app>") + " " + get("FN_FN_NAME").orElse("<fn>") + " " + key
                + " <value>)"));
    }

    /** A whole number in [min, max]; unset gives the default, anything else a 500 naming the key. */
    public long number(String key, long defaultValue, long min, long max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(raw.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw FnError.misconfigured("the function configuration " + key + " must be a whole number from "
                + min + " to " + max);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return (int) number(key, defaultValue, min, max);
    }
}
