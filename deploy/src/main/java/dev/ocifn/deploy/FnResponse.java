package dev.ocifn.deploy;

import com.fnproject.fn.api.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The FDK's HTTP answer to Fn, read back; header names in lower case. */
public record FnResponse(int fdkStatus, Map<String, String> headers, byte[] body) {

    public static FnResponse parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("not an HTTP response: " + text.substring(0, Math.min(80, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = new byte[raw.length - end - 4];
        System.arraycopy(raw, end + 4, body, 0, body.length);
        return new FnResponse(status, headers, body);
    }

    /** The status API Gateway answers the caller with, as {@link FnHttpHeaders#status} reads it. */
    public int gatewayStatus() {
        return FnHttpHeaders.status(Headers.fromMap(headers));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
