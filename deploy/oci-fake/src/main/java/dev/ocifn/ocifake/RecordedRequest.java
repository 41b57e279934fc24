package dev.ocifn.ocifake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request the {@link FakeOciServer} received and whose signature held. */
public record RecordedRequest(String method, String rawPath, String rawQuery,
                              Map<String, List<String>> headers, byte[] body,
                              TrustStore.Principal principal) {

    /** The path with percent-escapes decoded. */
    public String path() {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A decoded query parameter. */
    public Optional<String> query(String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
