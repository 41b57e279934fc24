package dev.ocifn.tools.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Differences between two JSON trees, by path. Numbers compare by value because the SDK models
 * hold some integers as Float ({@code maxClockSkewInSeconds: 30} comes back as {@code 30.0}),
 * which is the same value to the API; a string "30" and a number 30 still differ.
 */
public final class JsonDiff {
    private JsonDiff() {
    }

    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (actual == null || actual.isMissingNode()) {
            out.add(at + ": " + expected + " was dropped");
            return;
        }
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(at + ": " + expected + " became " + actual);
            }
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            out.add(at + ": " + expected + " became " + actual);
            return;
        }
        if (expected.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode e = expected.get(name);
                if (e == null) {
                    out.add(at + "." + name + ": " + actual.get(name) + " appeared");
                } else {
                    compare(at + "." + name, e, actual.get(name), out);
                }
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(at + ": " + expected.size() + " items became " + actual.size());
                return;
            }
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                compare(at + "[" + i++ + "]", e, a.next(), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": " + expected + " became " + actual);
        }
    }
}
