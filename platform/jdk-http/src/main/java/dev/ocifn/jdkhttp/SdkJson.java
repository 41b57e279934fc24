package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.impl.SimpleBeanPropertyFilter;
import com.fasterxml.jackson.databind.ser.impl.SimpleFilterProvider;
import com.fasterxml.jackson.databind.util.StdDateFormat;
import com.oracle.bmc.http.client.internal.ExplicitlySetBmcModel;

import java.text.FieldPosition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * The JSON conventions of the OCI SDK's models, without the Jersey provider jar that carries the
 * SDK's own versions: models name a Jackson filter ("explicitlySetFilter") that writes a property
 * when it is non-null or was set to null on purpose; dates go out as RFC 3339 with milliseconds;
 * unknown fields in answers are ignored (OCI adds fields over time).
 */
public final class SdkJson {
    private SdkJson() {
    }

    /**
     * The one mapper with these conventions that the SDK's requests and answers go through. Code
     * that writes or checks the same models should use it too: Jackson builds a model's
     * serializers and deserializers once per mapper, and on a cold start that is CPU paid for
     * every mapper that meets the model.
     */
    public static ObjectMapper mapper() {
        return JdkHttpSerializer.INSTANCE.mapper();
    }

    /** Applies the SDK's conventions to a mapper and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.setDateFormat(new Rfc3339DateFormat());
        mapper.setFilterProvider(new SimpleFilterProvider()
                .addFilter(ExplicitlySetBmcModel.EXPLICITLY_SET_FILTER_NAME, new ExplicitlySetFilter()));
        return mapper;
    }

    /** Writes a model property if it holds a value, or if the caller set it to null explicitly. */
    static final class ExplicitlySetFilter extends SimpleBeanPropertyFilter {
        @Override
        public void serializeAsField(Object pojo, JsonGenerator gen, SerializerProvider provider, PropertyWriter writer)
                throws Exception {
            if (ExplicitlySetBmcModel.EXPLICITLY_SET_PROPERTY_NAME.equals(writer.getName())) {
                return;
            }
            // Only bean properties have a value to test; anything else (any-getters) is always written.
            Object value = writer instanceof BeanPropertyWriter ? ((BeanPropertyWriter) writer).get(pojo) : pojo;
            if (value != null || (pojo instanceof ExplicitlySetBmcModel
                    && ((ExplicitlySetBmcModel) pojo).wasPropertyExplicitlySet(writer.getName()))) {
                writer.serializeAsField(pojo, gen, provider);
            }
        }
    }

    /** RFC 3339 in UTC, always with milliseconds (what OCI's APIs document); parsing is Jackson's ISO 8601. */
    @SuppressWarnings("serial")
    static final class Rfc3339DateFormat extends StdDateFormat {
        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        @Override
        public StringBuffer format(Date date, StringBuffer toAppendTo, FieldPosition fieldPosition) {
            return toAppendTo.append(FORMAT.format(Instant.ofEpochMilli(date.getTime())));
        }

        @Override
        public Rfc3339DateFormat clone() {
            return new Rfc3339DateFormat();
        }
    }
}
