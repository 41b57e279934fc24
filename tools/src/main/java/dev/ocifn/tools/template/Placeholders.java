package dev.ocifn.tools.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ocifn.tools.ToolException;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} markers in a JSON template. Double braces were chosen because API
 * Gateway's own context variables ({@code ${request.auth[sub]}}) and path parameters
 * ({@code /{userId}}) use single braces: those pass through untouched.
 *
 * <p>A string that is exactly one marker is replaced by the parameter's JSON value, whatever its
 * type (array of scopes, number of requests per second, key object). A marker inside a longer
 * string takes the parameter's text. Every missing parameter of a template is reported at once.
 */
public final class Placeholders {
    /** What a marker may name: a dotted path into the parameters file. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)*");
    private static final Pattern MARKER = Pattern.compile("\\{\\{([^{}]*)}}");

    /** Gives a parameter's value, or throws {@link MissingParameterException}. */
    @FunctionalInterface
    public interface Lookup {
        JsonNode value(String name);
    }

    private Placeholders() {
    }

    /** Returns a filled copy of {@code template}; {@code source} names the template in errors. */
    public static JsonNode fill(JsonNode template, Lookup lookup, String source) {
        Set<String> missing = new TreeSet<>();
        JsonNode filled = fill(template, lookup, source, missing);
        if (!missing.isEmpty()) {
            throw new ToolException(source + ": missing parameter" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        String leftover = findMarker(filled);
        if (leftover != null) {
            throw new ToolException(source + ": unfilled placeholder in \"" + leftover + "\"");
        }
        return filled;
    }

    /** The names a template asks for, for documentation and checks. */
    public static Set<String> names(JsonNode template) {
        Set<String> out = new TreeSet<>();
        collectNames(template, out);
        return out;
    }

    private static JsonNode fill(JsonNode node, Lookup lookup, String source, Set<String> missing) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().contains("{{")) {
                    throw new ToolException(source + ": placeholders are not allowed in field names ("
                            + field.getKey() + ")");
                }
                out.set(field.getKey(), fill(field.getValue(), lookup, source, missing));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                out.add(fill(item, lookup, source, missing));
            }
            return out;
        }
        if (node.isTextual()) {
            return fillText(node.textValue(), lookup, source, missing);
        }
        return node.deepCopy();
    }

    private static JsonNode fillText(String text, Lookup lookup, String source, Set<String> missing) {
        Matcher m = MARKER.matcher(text);
        if (m.matches()) {
            String name = checkedName(m.group(1), source);
            JsonNode value = lookUp(name, lookup, missing);
            return value == null ? TextNode.valueOf(text) : value.deepCopy();
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        m.reset();
        while (m.find()) {
            out.append(text, last, m.start());
            String name = checkedName(m.group(1), source);
            JsonNode value = lookUp(name, lookup, missing);
            if (value == null) {
                out.append(m.group());
            } else if (value.isValueNode() && !value.isNull()) {
                out.append(value.asText());
            } else {
                throw new ToolException(source + ": parameter " + name
                        + " is used inside the text \"" + text + "\" and must be a string or number");
            }
            last = m.end();
        }
        out.append(text.substring(last));
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode lookUp(String name, Lookup lookup, Set<String> missing) {
        try {
            return lookup.value(name);
        } catch (MissingParameterException e) {
            missing.add(e.name());
            return null;
        }
    }

    private static String checkedName(String name, String source) {
        if (!NAME.matcher(name).matches()) {
            throw new ToolException(source + ": malformed placeholder {{" + name + "}}");
        }
        return name;
    }

    private static String findMarker(JsonNode node) {
        if (node.isTextual()) {
            String t = node.textValue();
            return t.contains("{{") ? t : null;
        }
        for (JsonNode child : node) {
            String found = findMarker(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void collectNames(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            Matcher m = MARKER.matcher(node.textValue());
            while (m.find()) {
                out.add(m.group(1));
            }
            return;
        }
        for (JsonNode child : node) {
            collectNames(child, out);
        }
    }
}
