package dev.ocifn.support;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a caller's JSON body into an OCI SDK request model, refusing what OCI's own lenient
 * mapper would let through: unknown or misspelled fields, wrong types, and enum values the SDK
 * would silently turn into {@code UnknownEnumValue}. Every refusal is a 400 naming the field.
 */
public final class StrictJson {
    /**
     * A strict reader on the shared mapper rather than a mapper of its own: these features are
     * checked as a value is read, so the model's deserializers (and the serializers the
     * dropped-value check and the SDK's request use) are built once, not once per mapper.
     */
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StrictJson() {
    }

    /** Parses the body as one JSON object; anything else is a 400 on {@code body}. */
    public static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw FnError.badInput("body", "is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw FnError.badInput("body", "is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw FnError.badInput("body", "cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw FnError.badInput("body", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Maps a parsed object onto an SDK model class, with the checks described above. */
    public static <T> T read(ObjectNode input, Class<T> type) {
        T value;
        try {
            value = STRICT.treeToValue(input, type);
        } catch (JsonProcessingException e) {
            throw explain(e);
        }
        rejectDroppedValues(input, Json.mapper().valueToTree(value), "");
        return value;
    }

    /**
     * Refuses the first field of {@code input} (nested objects and arrays of objects included)
     * that the model does not have, before any other check looks at the body: a misspelled
     * required field is then reported as misspelled, not as missing. The names are the ones
     * Jackson's deserializer for the model knows, so this and {@link #read} agree on what is
     * unknown. A type Jackson reads polymorphically is not walked (its fields depend on the
     * subtype); its caller checks the names itself.
     */
    public static void rejectUnknown(ObjectNode input, Class<?> type) {
        rejectUnknown(input, Json.mapper().constructType(type), "");
    }

    private static void rejectUnknown(JsonNode input, JavaType type, String at) {
        if (input.isArray() && type.isContainerType() && type.getContentType() != null) {
            for (int i = 0; i < input.size(); i++) {
                rejectUnknown(input.get(i), type.getContentType(), at + "[" + i + "]");
            }
            return;
        }
        if (!input.isObject() || !(deserializer(type) instanceof BeanDeserializerBase bean)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
            SettableBeanProperty property = bean.findProperty(field.getKey());
            if (property == null) {
                throw unknownField(path, field.getKey(), bean.getKnownPropertyNames().stream().map(Object::toString).toList());
            }
            rejectUnknown(field.getValue(), property.getType(), path);
        }
    }

    /** The deserializer STRICT reads this type with; null for one Jackson cannot build. */
    private static JsonDeserializer<Object> deserializer(JavaType type) {
        try {
            DeserializationContext context = ((DefaultDeserializationContext) Json.mapper().getDeserializationContext())
                    .createInstance(STRICT.getConfig(), null, null);
            return context.findRootValueDeserializer(type);
        } catch (JsonMappingException e) {
            return null;
        }
    }

    private static FnError unknownField(String path, String name, Collection<String> known) {
        return FieldNames.unknown(path, name == null ? path : name, known,
                "allowed here: " + new TreeSet<>(known));
    }

    private static FnError explain(JsonProcessingException e) {
        String field = e instanceof JsonMappingException ? path((JsonMappingException) e) : "body";
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
            return unknownField(field, u.getPropertyName(), u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(Object::toString).toList());
        }
        if (e instanceof InvalidFormatException) {
            Object bad = ((InvalidFormatException) e).getValue();
            Class<?> target = ((InvalidFormatException) e).getTargetType();
            return FnError.badInput(field, "'" + bad + "' is not a valid " + describe(target));
        }
        if (e instanceof ValueInstantiationException) {
            Class<?> target = ((ValueInstantiationException) e).getType().getRawClass();
            return FnError.badInput(field, "has a value that is not a valid " + describe(target));
        }
        if (e instanceof MismatchedInputException) {
            Class<?> target = ((MismatchedInputException) e).getTargetType();
            return FnError.badInput(field, "has the wrong type; expected " + describe(target));
        }
        return FnError.badInput(field, "is not valid");
    }

    /** Names what a field expects, listing the values of an enum. */
    static String describe(Class<?> target) {
        if (target == null) {
            return "value";
        }
        if (target.isEnum()) {
            return "value; allowed: " + allowedValues(target);
        }
        if (java.util.Date.class.isAssignableFrom(target)) {
            return "ISO-8601 timestamp (e.g. 2024-05-01T00:00:00Z)";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return target.getSimpleName().toLowerCase() + " number";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "JSON array";
        }
        if (target == String.class) {
            return "string";
        }
        return "JSON object (" + target.getSimpleName() + ")";
    }

    /** The wire values of an SDK enum, without its catch-all UnknownEnumValue. */
    static String allowedValues(Class<?> enumType) {
        StringBuilder out = new StringBuilder();
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals("UnknownEnumValue")) {
                continue;
            }
            String wire = Json.mapper().convertValue(constant, String.class);
            out.append(out.length() == 0 ? "" : ", ").append(wire);
        }
        return out.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    /**
     * A value the caller sent that is missing after the round trip was dropped by the SDK, which
     * is what happens to an enum value it does not know. Such a request must not reach OCI.
     */
    private static void rejectDroppedValues(JsonNode sent, JsonNode kept, String at) {
        if (sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                rejectDroppedValues(field.getValue(), kept == null ? null : kept.get(field.getKey()), path);
            }
        } else if (sent.isArray()) {
            for (int i = 0; i < sent.size(); i++) {
                rejectDroppedValues(sent.get(i), kept == null ? null : kept.get(i), at + "[" + i + "]");
            }
        } else if (!sent.isNull() && (kept == null || kept.isNull())) {
            throw FnError.badInput(at, "unknown value '" + sent.asText() + "'");
        }
    }
}
