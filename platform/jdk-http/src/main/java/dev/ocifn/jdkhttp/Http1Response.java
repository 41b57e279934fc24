package dev.ocifn.jdkhttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An answer's status line and headers as read from a connection, and its body framed as
 * HTTP/1.1 frames it: none (HEAD, 1xx, 204, 304), {@code Content-Length}, chunked, or until the
 * server closes. A body that ends before its frame does fails its reader with an I/O error;
 * one read to its end hands the connection back for the next request.
 */
final class Http1Response {
    private static final int MAX_LINE = 64 * 1024;

    final int status;
    /** Case-insensitive names, each name's values in the order the server sent them. */
    final Map<String, List<String>> headers;
    final boolean keepAlive;

    private Http1Response(int status, Map<String, List<String>> headers, boolean keepAlive) {
        this.status = status;
        this.headers = headers;
        this.keepAlive = keepAlive;
    }

    /** Reads a status line and headers (at most the connection's read timeout per read). */
    static Http1Response readHead(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
                throw new NumberFormatException();
            }
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("not an HTTP/1.x status line: " + printable(statusLine));
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed header line: " + printable(line));
            }
            String name = line.substring(0, colon).trim();
            List<String> values = headers.get(name);
            if (values == null) {
                values = new ArrayList<>(1);
                headers.put(name, values);
            }
            values.add(line.substring(colon + 1).trim());
        }
        if (line == null) {
            throw new IOException("the server closed the connection in the middle of the headers");
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            header.setValue(Collections.unmodifiableList(header.getValue()));
        }
        boolean http10 = parts[0].equals("HTTP/1.0");
        String connection = join(headers.get("Connection"));
        boolean keepAlive = connection == null ? !http10
                : !connection.toLowerCase(Locale.ROOT).contains("close") && (!http10 || connection.toLowerCase(Locale.ROOT).contains("keep-alive"));
        return new Http1Response(status, Collections.unmodifiableMap(headers), keepAlive);
    }

    String header(String name) {
        return join(headers.get(name));
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /**
     * The body's stream. {@code done} is called once: with true when the body was read to its
     * end and the connection may carry another request, with false when it must be closed.
     */
    InputStream body(InputStream in, String method, Consumer<Boolean> done) throws IOException {
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            done.accept(keepAlive);
            return InputStream.nullInputStream();
        }
        String encoding = header("Transfer-Encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            if (!encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                done.accept(false);
                throw new ProtocolException("unsupported transfer-encoding: " + encoding);
            }
            return new ResponseBody.Chunked(in, keepAlive, done);
        }
        String length = header("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                done.accept(false);
                throw new ProtocolException("malformed content-length: " + printable(length));
            }
            if (n == 0) {
                done.accept(keepAlive);
                return InputStream.nullInputStream();
            }
            return new ResponseBody.Fixed(in, n, keepAlive, done);
        }
        return new ResponseBody.UntilClose(in, done);
    }

    /** A CRLF- (or LF-) terminated line as ISO-8859-1, read byte by byte from a buffered stream; null at end of stream. */
    static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = s.length();
                if (end > 0 && s.charAt(end - 1) == '\r') {
                    s.setLength(end - 1);
                }
                return s.toString();
            }
            if (s.length() >= MAX_LINE) {
                throw new ProtocolException("a header line longer than " + MAX_LINE + " bytes");
            }
            s.append((char) b);
        }
        if (s.length() > 0) {
            throw new IOException("the server closed the connection in the middle of a line");
        }
        return null;
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
