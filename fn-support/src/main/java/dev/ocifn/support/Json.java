package dev.ocifn.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ser.impl.SimpleFilterProvider;
import com.oracle.bmc.http.client.internal.ExplicitlySetBmcModel;
import com.oracle.bmc.serialization.jackson.internal.ExplicitlySetFilter;
import com.oracle.bmc.serialization.jackson.internal.Rfc3339DateFormat;

/**
 * JSON for OCI SDK models. The models carry a Jackson filter ("explicitlySetFilter") that a plain
 * ObjectMapper does not know, so writing one without this mapper fails.
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    static ObjectMapper configure(ObjectMapper mapper) {
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.setDateFormat(new Rfc3339DateFormat());
        mapper.setFilterProvider(new SimpleFilterProvider()
                .addFilter(ExplicitlySetBmcModel.EXPLICITLY_SET_FILTER_NAME, ExplicitlySetFilter.INSTANCE));
        return mapper;
    }

    /** The shared mapper: lenient on input (OCI's answers may grow fields), OCI's date format on output. */
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
