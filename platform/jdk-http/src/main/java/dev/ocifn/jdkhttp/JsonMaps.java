package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object into the maps, lists and boxed scalars an {@link com.fasterxml.jackson.databind.ObjectMapper}
 * gives for {@code readValue(json, Map.class)}, with jackson-core's streaming parser alone. The
 * SDK reads a security token's claims that way while the resource principal is built, before any
 * call needs a mapper; initializing ObjectMapper (its default date format loads locale data) and
 * building its map deserializer are a cold start's CPU (docs/performance.md). Same results as the
 * mapper: objects keep their order and a repeated key keeps its last value, integers are the
 * smallest of Integer, Long and BigInteger that holds them, other numbers are Double, a root
 * {@code null} is null, content after the root value is ignored.
 */
final class JsonMaps {
    /** The parsers' factory for what is read without the mapper (here and in {@link JwkJson}). */
    static final JsonFactory FACTORY = new JsonFactory();

    private JsonMaps() {
    }

    static Map<String, Object> read(JsonParser parser) throws IOException {
        return rootObject(parser, "a JSON object") ? object(parser) : null;
    }

    /**
     * Moves to the root value: true inside an object, false for a root {@code null} (which a
     * mapper reads as null), a {@link JsonParseException} naming {@code what} for anything else.
     */
    static boolean rootObject(JsonParser parser, String what) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.VALUE_NULL) {
            return false;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new JsonParseException(parser, first == null ? "no content: expected " + what
                    : "expected " + what + ", found " + first);
        }
        return true;
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            map.put(name, value(parser, parser.nextToken()));
        }
        return map;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            list.add(value(parser, t));
        }
        return list;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }
}
