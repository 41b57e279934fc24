package dev.ocifn.jdkhttp.vsjersey;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on a plain {@link ServerSocket}, so that a test sees the exact bytes a client
 * sends: every request is captured (request line, headers as sent, framing, body) and answered by
 * the script, which gets the request's index (a re-sent request shows up as a second one).
 */
final class RawServer implements Closeable {
    /** Answers one request; it decides whether and when to read the body. */
    interface Answer {
        void answer(Exchange x) throws IOException;
    }

    interface Script {
        Answer answerFor(int index);
    }

    /** One request as it arrived. Header names in lower case, values in the order sent; body null when not read. */
    record Captured(String method, String target, String version, Map<String, List<String>> headers,
                    String framing, byte[] body, int connection) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : String.join(",", v);
        }
    }

    private final ServerSocket socket;
    private final Script script;
    private final List<Captured> captured = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    private RawServer(Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread t = new Thread(this::acceptLoop, "raw-server-accept");
        t.setDaemon(true);
        t.start();
    }

    static RawServer start(Script script) throws IOException {
        return new RawServer(script);
    }

    String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    /**
     * Every request the server has begun, once each is recorded: an exchange answered before its
     * body was read is recorded only after the body, which may be after the client has its answer.
     */
    List<Captured> captured() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (captured.size() < requests.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        synchronized (captured) {
            return new ArrayList<>(captured);
        }
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                open.add(s);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s, n), "raw-server-conn-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            s.setSoTimeout(10_000);
            BufferedInputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                Exchange x = new Exchange(s, in, out, head, connection);
                int index = requests.getAndIncrement();
                try {
                    script.answerFor(index).answer(x);
                } finally {
                    captured.add(x.captured());
                }
                if (x.closed) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away; what it sent is captured
        }
    }

    /** The bytes up to and including the blank line; null at a clean end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException | SocketException e) {
                return null;
            }
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** One request on one connection, and what the answer does with it. */
    static final class Exchange {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        final String method;
        final String target;
        final String version;
        final Map<String, List<String>> headers = new TreeMap<>();
        private final int connection;
        private String framing = "none";
        private byte[] body;
        boolean closed;

        Exchange(Socket socket, InputStream in, OutputStream out, byte[] head, int connection) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.connection = connection;
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ", 3);
            this.method = requestLine[0];
            this.target = requestLine.length > 1 ? requestLine[1] : "";
            this.version = requestLine.length > 2 ? requestLine[2] : "";
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            if (headers.containsKey("transfer-encoding")) {
                framing = "transfer-encoding: " + String.join(",", headers.get("transfer-encoding"));
            } else if (headers.containsKey("content-length")) {
                framing = "content-length: " + String.join(",", headers.get("content-length"));
            }
        }

        Captured captured() {
            return new Captured(method, target, version, headers, framing, body, connection);
        }

        boolean expectsContinue() {
            List<String> v = headers.get("expect");
            return v != null && v.stream().anyMatch(e -> e.equalsIgnoreCase("100-continue"));
        }

        boolean hasBody() {
            return !framing.equals("none");
        }

        /** Sends {@code 100 Continue} when asked for one, then reads the body as framed. */
        Exchange continueAndRead() throws IOException {
            if (expectsContinue()) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            return read();
        }

        /** Reads the body as framed (no 100 Continue sent). */
        Exchange read() throws IOException {
            if (framing.startsWith("transfer-encoding")) {
                body = readChunked();
            } else if (framing.startsWith("content-length")) {
                int n = Integer.parseInt(headers.get("content-length").get(0).trim());
                body = in.readNBytes(n);
            } else {
                body = new byte[0];
            }
            return this;
        }

        private byte[] readChunked() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return all.toByteArray();
                }
                all.write(in.readNBytes(n));
                line();
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }

        /** Writes raw bytes (a whole answer or part of one). */
        Exchange write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        Exchange write(String latin1) throws IOException {
            return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** A whole answer: status line, the given header lines, Content-Length unless a header sets framing, body. */
        Exchange reply(int status, String reason, byte[] body, String... headerLines) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
            boolean framed = false;
            for (String h : headerLines) {
                head.append(h).append("\r\n");
                String lower = h.toLowerCase(Locale.ROOT);
                framed |= lower.startsWith("content-length:") || lower.startsWith("transfer-encoding:");
            }
            boolean bodiless = method.equals("HEAD") || status == 204 || status == 304;
            if (!framed && !bodiless) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!method.equals("HEAD")) {
                all.writeBytes(body);
            }
            return write(all.toByteArray());
        }

        /** Closes the connection at once (whatever the client still sends is not read). */
        void close() throws IOException {
            closed = true;
            socket.close();
        }

        /** Ends the answer, then reads whatever the client still sends until it closes (at most a second), then closes. */
        void closeAfterDraining() throws IOException {
            closed = true;
            socket.shutdownOutput();
            socket.setSoTimeout(1_000);
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the client closed or went quiet
            }
            socket.close();
        }

        /** Holds the connection open without answering. */
        void stall(long millis) throws IOException {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }
    }
}
