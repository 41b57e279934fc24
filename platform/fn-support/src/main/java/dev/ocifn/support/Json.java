package dev.ocifn.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocifn.jdkhttp.SdkJson;

/**
 * JSON for OCI SDK models. The models carry a Jackson filter ("explicitlySetFilter") that a plain
 * ObjectMapper does not know, so writing one without this mapper fails. It is the mapper the
 * SDK's calls go through ({@link SdkJson#mapper()}), so a model the SDK has read or written
 * needs no second set of (de)serializers here.
 */
public final class Json {
    private static final ObjectMapper MAPPER = SdkJson.mapper();

    private Json() {
    }

    /** The shared mapper: lenient on input (OCI's answers may grow fields), OCI's date format on output; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
