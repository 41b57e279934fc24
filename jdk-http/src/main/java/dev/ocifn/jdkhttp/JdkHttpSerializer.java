package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.http.client.Serializer;

import java.io.IOException;
import java.util.List;

/** The SDK's {@link Serializer} on a mapper with the SDK's conventions ({@link SdkJson}). */
public final class JdkHttpSerializer implements Serializer {
    static final JdkHttpSerializer INSTANCE = new JdkHttpSerializer(SdkJson.configure(new ObjectMapper()));

    private final ObjectMapper mapper;

    private JdkHttpSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper the SDK's requests and answers go through (shared; do not reconfigure it). */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public <T> T readValue(String s, Class<T> type) throws IOException {
        return mapper.readValue(s, type);
    }

    @Override
    public <T> T readValue(byte[] bytes, Class<T> type) throws IOException {
        return mapper.readValue(bytes, type);
    }

    <T> List<T> readList(byte[] bytes, Class<T> type) throws IOException {
        return mapper.readValue(bytes, mapper.getTypeFactory().constructCollectionType(List.class, type));
    }

    @Override
    public String writeValueAsString(Object o) throws IOException {
        return mapper.writeValueAsString(o);
    }
}
