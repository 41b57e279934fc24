package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.auth.internal.JWK;
import com.oracle.bmc.http.client.Serializer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The SDK's {@link Serializer} on a mapper with the SDK's conventions ({@link SdkJson}). The
 * mapper is made when something first needs it; what the SDK reads from a security token while a
 * principal is built, its claims (a plain {@code Map}, {@link JsonMaps}) and its session key
 * ({@link JWK}, {@link JwkJson}), is read without it, so a function whose call needs no mapper,
 * such as model-proxy-fn's, never pays for one.
 */
public final class JdkHttpSerializer implements Serializer {
    static final JdkHttpSerializer INSTANCE = new JdkHttpSerializer();

    private JdkHttpSerializer() {
    }

    /** Holds the mapper, so that the JVM makes it once, when it is first asked for. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = SdkJson.configure(new ObjectMapper());
    }

    /** The mapper the SDK's requests and answers go through (shared; do not reconfigure it). */
    public ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    @Override
    public <T> T readValue(String s, Class<T> type) throws IOException {
        return readsWithoutMapper(type) ? readWithoutMapper(JsonMaps.FACTORY.createParser(s), type)
                : mapper().readValue(s, type);
    }

    @Override
    public <T> T readValue(byte[] bytes, Class<T> type) throws IOException {
        return readsWithoutMapper(type) ? readWithoutMapper(JsonMaps.FACTORY.createParser(bytes), type)
                : mapper().readValue(bytes, type);
    }

    private static boolean readsWithoutMapper(Class<?> type) {
        return type == Map.class || type == JWK.class;
    }

    private static <T> T readWithoutMapper(JsonParser parser, Class<T> type) throws IOException {
        try (parser) {
            return type.cast(type == Map.class ? JsonMaps.read(parser) : JwkJson.read(parser));
        }
    }

    <T> List<T> readList(byte[] bytes, Class<T> type) throws IOException {
        ObjectMapper mapper = mapper();
        return mapper.readValue(bytes, mapper.getTypeFactory().constructCollectionType(List.class, type));
    }

    @Override
    public String writeValueAsString(Object o) throws IOException {
        return mapper().writeValueAsString(o);
    }
}
