package dev.ocifn.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text resource in named parts, each with {@code ${name}} placeholders: a part starts on the
 * line after {@code <!-- part: name -->} and ends at the line break before the next such line or
 * at the file's last line break; what precedes the first part describes the file. Filling a part
 * is strict both ways (a placeholder without a value, or a value no placeholder takes, is an
 * error), and values are inserted as they are, never read for placeholders themselves.
 */
final class Template {
    private static final Pattern PART = Pattern.compile("\n<!-- part: (\\w+) -->\n");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    private final String resource;
    private final Map<String, String> parts;

    private Template(String resource, Map<String, String> parts) {
        this.resource = resource;
        this.parts = parts;
    }

    /** The template in a class-path resource, e.g. {@code /benchmarks.md.template}. */
    static Template load(String resource) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the class path");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Template parse(String resource, String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        Map<String, String> parts = new LinkedHashMap<>();
        Matcher m = PART.matcher(body);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null && parts.put(name, body.substring(start, m.start())) != null) {
                throw new IllegalStateException(resource + " has two parts named " + name);
            }
            name = m.group(1);
            start = m.end();
        }
        if (name == null) {
            throw new IllegalStateException(resource + " has no <!-- part: name --> line");
        }
        if (parts.put(name, body.substring(start)) != null) {
            throw new IllegalStateException(resource + " has two parts named " + name);
        }
        return new Template(resource, parts);
    }

    Set<String> parts() {
        return parts.keySet();
    }

    /** The placeholders a part names, in order of first use. */
    Set<String> placeholders(String part) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text(part));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The part's text with every placeholder replaced by its value. */
    String fill(String part, Map<String, String> values) {
        Set<String> wanted = placeholders(part);
        for (String name : values.keySet()) {
            if (!wanted.contains(name)) {
                throw new IllegalStateException(resource + " part " + part + " has no ${" + name + "}");
            }
        }
        return PLACEHOLDER.matcher(text(part)).replaceAll(m -> {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + m.group(1) + "} in " + resource + " part " + part);
            }
            return Matcher.quoteReplacement(value);
        });
    }

    /** The part's text as it stands (for a part without placeholders). */
    String text(String part) {
        String text = parts.get(part);
        if (text == null) {
            throw new IllegalStateException(resource + " has no part " + part);
        }
        return text;
    }
}
