package dev.ocifn.jdkhttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The request target the SDK assembles: an endpoint, then path parts and query parameters that
 * the SDK has already percent-encoded. They are kept byte for byte, because the request signature
 * covers the path and query exactly as sent; only characters that may not appear in a URI at all
 * are escaped, as Jersey does. The endpoint's default port is dropped so that the {@code host}
 * header the signer computes from this URI is the one written.
 */
final class TargetUri {
    private static final String UNRESERVED_AND_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*,;:@/";
    private static final String PATH_CHARS = UNRESERVED_AND_SAFE + "&+=";
    /** In a query parameter, & = + would change its meaning; the SDK has escaped them in real values. */
    private static final String QUERY_PARAM_CHARS = UNRESERVED_AND_SAFE + "?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String origin;
    private final String path;
    private final String query;

    private TargetUri(String origin, String path, String query) {
        this.origin = origin;
        this.path = path;
        this.query = query;
    }

    static TargetUri base(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (scheme == null || endpoint.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("endpoint must be http(s)://host[:port]: " + endpoint);
        }
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (scheme.equalsIgnoreCase("https") ? port == 443 : port == 80);
        String origin = scheme.toLowerCase() + "://" + hostForUri(endpoint.getHost()) + (defaultPort ? "" : ":" + port);
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        return new TargetUri(origin, encode(path, PATH_CHARS), endpoint.getRawQuery());
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Appends a path part with one slash between it and the path so far, as Jersey's WebTarget.path does. */
    TargetUri withPathPart(String encodedPart) {
        if (encodedPart == null || encodedPart.isEmpty()) {
            return this;
        }
        String part = encode(encodedPart, PATH_CHARS);
        String joined;
        if (path.endsWith("/") && part.startsWith("/")) {
            joined = path + part.substring(1);
        } else if (path.endsWith("/") || part.startsWith("/")) {
            joined = path + part;
        } else {
            joined = path + "/" + part;
        }
        return new TargetUri(origin, joined, query);
    }

    TargetUri withQuery(String encodedName, String encodedValue) {
        String pair = encode(encodedName, QUERY_PARAM_CHARS)
                + (encodedValue == null ? "" : "=" + encode(encodedValue, QUERY_PARAM_CHARS));
        return new TargetUri(origin, path, query == null ? pair : query + "&" + pair);
    }

    URI toUri() {
        return URI.create(origin + path + (query == null ? "" : "?" + query));
    }

    /** Escapes what may not appear raw; keeps valid %XX escapes and every allowed character. */
    static String encode(String s, String allowed) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                if (out != null) {
                    out.append(s, i, i + 3);
                }
                i += 2;
                continue;
            }
            if (c < 0x80 && allowed.indexOf(c) >= 0) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
