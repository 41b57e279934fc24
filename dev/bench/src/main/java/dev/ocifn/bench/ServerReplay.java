package dev.ocifn.bench;

import dev.ocifn.deploy.OneShot;
import dev.ocifn.ocifake.RecordedRequest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local server's own time for the function's OCI call: the signed request the function sent,
 * replayed byte for byte (same headers, same signature, still within its date window) over one
 * keep-alive connection, timed from the first byte written to the last byte of the answer read.
 * What the function's warm latency exceeds this by is the function's own overhead (FDK framing,
 * parsing, validation, SDK request building and signing, JSON both ways, the HTTP client).
 */
final class ServerReplay {
    record Result(int count, long p50Nanos, long p99Nanos) {
    }

    private ServerReplay() {
    }

    static Result replay(RecordedRequest request, int port, int warmup, int count) throws IOException {
        byte[] bytes = requestBytes(request, port);
        long[] nanos = new long[count];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < warmup + count; i++) {
                long start = System.nanoTime();
                out.write(bytes);
                out.flush();
                int status = readResponse(in, request.method().equals("HEAD"));
                long took = System.nanoTime() - start;
                if (status == 401) {
                    throw new IllegalStateException("the server refused the replayed request's signature");
                }
                if (i >= warmup) {
                    nanos[i - warmup] = took;
                }
            }
        }
        Arrays.sort(nanos);
        return new Result(count, OneShot.percentile(nanos, 50), OneShot.percentile(nanos, 99));
    }

    private static byte[] requestBytes(RecordedRequest request, int port) {
        StringBuilder head = new StringBuilder();
        String target = request.rawQuery() == null ? request.rawPath() : request.rawPath() + "?" + request.rawQuery();
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("connection") || name.equals("expect")) {
                continue;
            }
            hasHost |= name.equals("host");
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (!hasHost) {
            head.append("host: 127.0.0.1:").append(port).append("\r\n");
        }
        head.append("content-length: ").append(request.body().length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(request.body());
        return out.toByteArray();
    }

    /** Reads one answer (status line, headers, a Content-Length body) and returns its status. */
    private static int readResponse(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        String line;
        while (!(line = line(in)).isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (head || status == 204 || status == 304) {
            return status;
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.skipNBytes(length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        if (c == -1 && sb.length() == 0) {
            throw new IOException("the server closed the connection");
        }
        return sb.toString();
    }
}
