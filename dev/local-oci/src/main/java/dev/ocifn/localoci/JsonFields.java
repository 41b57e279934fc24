package dev.ocifn.localoci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Strict reading of JSON objects, for request bodies (a problem is a 400 InvalidParameter) and
 * for the user's data set files (a problem names the file's field). Unknown fields are refused
 * in both: a misspelled field should be an error, not a silently ignored setting.
 */
public final class JsonFields {
    private final Function<String, RuntimeException> problem;

    private JsonFields(Function<String, RuntimeException> problem) {
        this.problem = problem;
    }

    public static final JsonFields REQUEST = new JsonFields(OciError::invalid);
    public static final JsonFields DATA_SET = new JsonFields(IllegalArgumentException::new);

    public RuntimeException problem(String message) {
        return problem.apply(message);
    }

    public ObjectNode object(JsonNode node, String where) {
        if (!(node instanceof ObjectNode)) {
            throw problem(where + ": must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public void allowOnly(ObjectNode node, String where, Collection<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw problem(prefix(where) + name + ": unknown field; known fields are " + String.join(", ", allowed));
            }
        }
    }

    public Optional<String> text(ObjectNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw problem(prefix(where) + field + ": must be a string");
        }
        return Optional.of(value.textValue());
    }

    public String requiredText(ObjectNode node, String where, String field) {
        String value = text(node, where, field).orElseThrow(() -> problem(prefix(where) + field + ": is required"));
        if (value.isBlank()) {
            throw problem(prefix(where) + field + ": must not be empty");
        }
        return value;
    }

    public Optional<BigDecimal> number(ObjectNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw problem(prefix(where) + field + ": must be a number");
        }
        return Optional.of(value.decimalValue());
    }

    public Optional<Boolean> bool(ObjectNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw problem(prefix(where) + field + ": must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** An RFC 3339 timestamp with a zone ("2026-09-01T00:00:00Z", "...000+00:00"). */
    public Optional<Instant> timestamp(ObjectNode node, String where, String field) {
        Optional<String> raw = text(node, where, field);
        try {
            return raw.map(t -> OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw problem(prefix(where) + field + ": must be an RFC 3339 timestamp such as 2026-09-01T00:00:00Z");
        }
    }

    static String prefix(String where) {
        return where == null || where.isEmpty() ? "" : where + ".";
    }
}
