package dev.ocifn.ocifake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server that takes one request (any request: it checks no signature), answers 200 with its
 * status line, headers and part of the body, then goes quiet until it is closed: what a read
 * timeout during the body has to end.
 */
public final class StallingServer implements AutoCloseable {
    private final ServerSocket listener;
    private volatile Socket accepted;

    private StallingServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Declares {@code declaredLength} bytes of {@code contentType} and sends only {@code partialBody}. */
    public static StallingServer start(String contentType, String partialBody, int declaredLength) throws IOException {
        StallingServer server = new StallingServer(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
        Thread thread = new Thread(() -> server.answerOnce(contentType, partialBody, declaredLength), "stalling-server");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private void answerOnce(String contentType, String partialBody, int declaredLength) {
        try {
            Socket s = listener.accept();
            accepted = s;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declaredLength
                    + "\r\nopc-request-id: STALL\r\n\r\n" + partialBody).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException ignored) {
            // closed by the test
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        Socket s = accepted;
        if (s != null) {
            s.close();
        }
        listener.close();
    }
}
