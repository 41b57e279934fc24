package dev.ocifn.localoci.search;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-text matching, as FreeText searches and the {@code matching} clause do it here: a
 * case-insensitive substring of a resource's name, OCID, type, state, tags or additional
 * details. The highlights are the matching values, HTML-encoded, each match wrapped in
 * {@code <h1>..</h1>} as the Search API documents them.
 */
final class TextMatch {
    private TextMatch() {
    }

    /** Field name to highlighted values; empty when the resource does not match. */
    static Map<String, List<String>> highlights(ObjectNode resource, String text) {
        Map<String, List<String>> highlights = new LinkedHashMap<>();
        ResourceFields.searchable(resource).forEach((field, values) -> {
            List<String> fragments = new ArrayList<>();
            for (String value : values) {
                if (find(value, text, 0) >= 0) {
                    fragments.add(highlight(value, text));
                }
            }
            if (!fragments.isEmpty()) {
                highlights.put(field, fragments);
            }
        });
        return highlights;
    }

    /** Case-insensitive indexOf that keeps the value's own indices (lower-casing can change lengths). */
    static int find(String value, String needle, int from) {
        for (int at = from; at + needle.length() <= value.length(); at++) {
            if (value.regionMatches(true, at, needle, 0, needle.length())) {
                return at;
            }
        }
        return -1;
    }

    private static String highlight(String value, String needle) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = find(value, needle, 0); at >= 0; at = find(value, needle, from)) {
            out.append(html(value.substring(from, at))).append("<h1>")
                    .append(html(value.substring(at, at + needle.length()))).append("</h1>");
            from = at + needle.length();
        }
        return out.append(html(value.substring(from))).toString();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
