package dev.ocifn.localoci;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A front for a local OCI endpoint that answers a request asking for {@code Expect: 100-continue}
 * the way OCI does: it looks at the request's headers first and may refuse it with a final
 * status, OCI's {@code {"code","message"}} body and an {@code opc-request-id}, before any
 * {@code 100 Continue} and before the body is sent. The JDK's HTTP server, which {@link LocalOci}
 * is built on, sends {@code 100 Continue} before its handler runs, so it cannot do that itself.
 * Everything the check lets through, and every request without the expectation, is relayed to
 * the endpoint behind it unchanged, answers included.
 * <p>
 * OCI refuses an upload this way for a missing bucket, a missing permission, an expired token or
 * a clock skew; {@link #missingBucket(LocalOci)} is the first of them.
 */
public final class ContinueGate implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    /** A request's line and headers (names in lower case). */
    public record Head(String method, String target, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What a refused request is answered with. */
    public record Refusal(int status, String code, String message) {
    }

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final Function<Head, Optional<Refusal>> check;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String lastRequestId;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    private ContinueGate(LocalOci oci, Function<Head, Optional<Refusal>> check) throws IOException {
        URI uri = URI.create(oci.endpoint());
        this.backend = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.check = check;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "continue-gate");
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * In front of {@code oci}, on a free loopback port. The signature covers the host header, which
     * names the gate; {@code oci} is told to take that name as its own.
     */
    public static ContinueGate start(LocalOci oci, Function<Head, Optional<Refusal>> check) {
        try {
            ContinueGate gate = new ContinueGate(oci, check);
            oci.frontedBy("127.0.0.1:" + gate.listener.getLocalPort());
            return gate;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gate", e);
        }
    }

    /**
     * Refuses an upload (PutObject) into a bucket {@code oci} does not have, as OCI does before
     * {@code 100 Continue}: 404 BucketNotFound, worded as OCI words it (and as
     * {@link dev.ocifn.localoci.objectstorage.ObjectStorageApi} answers the same call when the body was sent).
     */
    public static Function<Head, Optional<Refusal>> missingBucket(LocalOci oci) {
        return head -> {
            String[] path = head.target().split("\\?", 2)[0].split("/");
            // "", "n", ns, "b", bucket, "o", object...
            if (!head.method().equals("PUT") || path.length < 7 || !path[1].equals("n") || !path[3].equals("b") || !path[5].equals("o")) {
                return Optional.empty();
            }
            String bucket = path[4];
            if (oci.buckets().contains(bucket)) {
                return Optional.empty();
            }
            return Optional.of(new Refusal(404, "BucketNotFound", "Either the bucket named '" + bucket
                    + "' does not exist in the namespace '" + oci.namespace() + "' or you are not authorized to access it"));
        };
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint to give the functions. */
    public String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many requests were refused before {@code 100 Continue}. */
    public int refused() {
        return refused.get();
    }

    /** The {@code opc-request-id} of the last refusal (null before the first). */
    public String lastRequestId() {
        return lastRequestId;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(backend, 5_000);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                Thread answers = new Thread(() -> pump(server, client), "continue-gate-answers");
                answers.setDaemon(true);
                answers.start();
                Thread requests = new Thread(() -> requests(client, server), "continue-gate-requests");
                requests.setDaemon(true);
                requests.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("continue gate: " + e);
                }
            }
        }
    }

    /** Answers go back byte for byte. */
    private static void pump(Socket server, Socket client) {
        try {
            InputStream in = server.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (client) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            close(client);
            close(server);
        }
    }

    /** Request by request: the head is checked, then relayed with its body, or answered here. */
    private void requests(Socket client, Socket server) {
        try {
            BufferedInputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = server.getOutputStream();
            byte[] raw;
            while ((raw = head(in)) != null) {
                Head head = parse(raw);
                boolean expects = "100-continue".equalsIgnoreCase(head.header("expect"));
                Optional<Refusal> refusal = expects ? check.apply(head) : Optional.empty();
                if (refusal.isPresent()) {
                    String requestId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
                    lastRequestId = requestId;
                    refused.incrementAndGet();
                    refuse(client, refusal.get(), requestId);
                    drain(client, in);
                    return;
                }
                out.write(raw);
                relayBody(head, in, out);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            close(client);
            close(server);
        }
    }

    /** The final answer, then the connection closes: the body that was never asked for is never read. */
    private static void refuse(Socket client, Refusal r, String requestId) throws IOException {
        byte[] body = ("{\"code\":\"" + json(r.code()) + "\",\"message\":\"" + json(r.message()) + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + r.status() + " Refused\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nopc-request-id: " + requestId + "\r\nConnection: close\r\n\r\n";
        synchronized (client) {
            OutputStream out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }
        client.shutdownOutput();
    }

    /** Whatever the client still sends (it should send nothing) until it closes, at most a second, so closing sends no reset. */
    private static void drain(Socket client, InputStream in) {
        try {
            client.setSoTimeout(1_000);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // quiet or gone
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void relayBody(Head head, InputStream in, OutputStream out) throws IOException {
        String encoding = head.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String size = line(in);
                out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    String trailer;
                    do {
                        trailer = line(in);
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return;
                }
                copy(in, out, n);
                out.write((line(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        String length = head.header("content-length");
        if (length != null) {
            copy(in, out, Long.parseLong(length.trim()));
        }
    }

    /** Copies as the client sends, flushing each piece: the endpoint's 100 Continue must reach the client first. */
    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("the client closed in the middle of a body");
            }
            out.write(buffer, 0, r);
            out.flush();
            n -= r;
        }
    }

    private static byte[] head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            boolean cr = b == '\r';
            state = cr && (state == 0 || state == 2) ? state + 1 : b == '\n' && (state == 1 || state == 3) ? state + 1 : cr ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static Head parse(byte[] raw) {
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                s.append((char) b);
            }
        }
        if (b < 0) {
            throw new IOException("the client closed in the middle of a line");
        }
        return s.toString();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        close(listener);
        synchronized (sockets) {
            sockets.forEach(ContinueGate::close);
        }
    }

    private static void close(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
