package dev.ocifn.jdkhttp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.http.client.Serializer;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

/** The streaming map reader gives what ObjectMapper gives for Map.class, value for value and class for class. */
public class JsonMapsTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static final List<String> DOCUMENTS = List.of(
            "{}",
            "{\"sub\":\"ocid1.fnfunc.oc1..aaa\",\"res_tenant\":\"ocid1.tenancy.oc1..bbb\",\"exp\":1765000000,\"iat\":1764990000}",
            "{\"a\":1,\"b\":-2147483648,\"c\":2147483648,\"d\":9223372036854775807,\"e\":9223372036854775808,\"f\":-99999999999999999999999}",
            "{\"x\":1.5,\"y\":-0.0,\"z\":1e300,\"w\":2E-5,\"v\":123456789012345678901234567890.5}",
            "{\"t\":true,\"f\":false,\"n\":null,\"s\":\"\\u00e9\\n\\\"q\\\"\\ud83d\\ude00\"}",
            "{\"nested\":{\"list\":[1,\"two\",[3,{\"four\":4}],null,{}],\"empty\":[]},\"after\":\"x\"}",
            "{\"dup\":1,\"dup\":\"last wins\"}",
            "  {\"spaces\" : [ 1 , 2 ] }  ",
            "{\"trailing\":1} {\"ignored\":2}",
            "null");

    private static final List<String> NOT_AN_OBJECT = List.of("", "   ", "[1,2]", "\"s\"", "42", "{\"a\":", "{\"a\" 1}", "{a:1}",
            "{\"a\":[1,}", "{\"a\":tru}");

    @Test
    public void readsWhatObjectMapperReads() throws IOException {
        for (String json : DOCUMENTS) {
            Object expected = PLAIN.readValue(json, Map.class);
            assertSame(json, expected, JdkHttpSerializer.INSTANCE.readValue(json, Map.class));
            assertSame(json, expected, JdkHttpSerializer.INSTANCE.readValue(json.getBytes(StandardCharsets.UTF_8), Map.class));
        }
    }

    @Test
    public void failsWhereObjectMapperFails() {
        for (String json : NOT_AN_OBJECT) {
            expectFailure("ObjectMapper", json, () -> PLAIN.readValue(json, Map.class));
            expectFailure("JsonMaps", json, () -> JdkHttpSerializer.INSTANCE.readValue(json, Map.class));
        }
    }

    @Test
    public void theSdksSerializerReadsTokenClaimsWithoutAMapper() throws IOException {
        String payload = "{\"res_tenant\":\"ocid1.tenancy.oc1..t\",\"exp\":1765000000,\"scope\":[\"a\",\"b\"]}";
        byte[] bytes = Base64.getUrlDecoder().decode(Base64.getUrlEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        Map<?, ?> claims = Serializer.getDefault().readValue(bytes, Map.class);
        assertEquals("ocid1.tenancy.oc1..t", claims.get("res_tenant"));
        assertEquals(1765000000, claims.get("exp"));
        assertEquals(List.of("a", "b"), claims.get("scope"));
        assertNull(Serializer.getDefault().readValue("null", Map.class));
    }

    /** Equal, and every value of the same class (Integer is not Long, Double is not BigDecimal). */
    private static void assertSame(String json, Object expected, Object actual) {
        assertEquals(json, expected, actual);
        assertEquals(json, shape(expected), shape(actual));
    }

    private static Object shape(Object value) {
        if (value instanceof Map) {
            List<Object> out = new ArrayList<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.add(k + "=" + shape(v)));
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(shape(v)));
            return out;
        }
        return value == null ? "null" : value.getClass().getName() + ":" + value;
    }

    private interface Read {
        Object run() throws IOException;
    }

    private static void expectFailure(String who, String json, Read read) {
        try {
            Object result = read.run();
            fail(who + " read [" + json + "] as " + result);
        } catch (IOException expected) {
            // both readers refuse it
        }
    }
}
