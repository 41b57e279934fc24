package dev.ocifn.jdkhttp;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 connection to a service (through an HTTP proxy's tunnel for https), which the
 * client's pool keeps between requests. Plain sockets, so that what is sent and when is this
 * module's decision: no request is ever sent twice, an upload refused before {@code 100 Continue}
 * hands its answer over, header values go out as ISO-8859-1.
 */
final class Http1Connection implements Closeable {
    /** Apache HttpClient's default for a pooled connection: one idle this long is checked before it is used again. */
    static final long VALIDATE_AFTER_IDLE_NANOS = 2_000_000_000L;

    final String authority;
    final boolean viaProxy;
    private final Socket socket;
    final InputStream in;
    final OutputStream out;
    private long idleSince;

    private Http1Connection(String authority, Socket socket, boolean viaProxy) throws IOException {
        this.authority = authority;
        this.socket = socket;
        this.viaProxy = viaProxy;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    static String authority(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /**
     * Connects (at most the connect timeout), through the proxy if any, and makes the TLS
     * handshake for https (bounded by the read timeout), checking the host name as
     * {@code HttpsURLConnection} does, or with the configured verifier.
     */
    static Http1Connection open(URI uri, JdkHttpClient.Settings settings, SSLSocketFactory tls, String what) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        int port = port(uri);
        Proxy proxy = settings.proxy();
        InetSocketAddress address = proxy != null ? (InetSocketAddress) proxy.address() : new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            address = new InetSocketAddress(address.getHostString(), address.getPort());
        }
        // A direct socket: no SOCKS wrapper consulting the JVM's ProxySelector on every connect (the
        // configured HTTP proxy, if any, is the address connected to).
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            try {
                socket.connect(address, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()));
            } catch (SocketTimeoutException e) {
                throw TransportException.connectTimeout(what, settings.connectTimeoutMillis(), e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeoutMillis()));
            if (proxy != null && https) {
                tunnel(socket, host, port, settings.proxyAuthorization());
            }
            Socket connected = socket;
            if (https) {
                SSLSocket s = (SSLSocket) (tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                HostnameVerifier verifier = settings.hostnameVerifier();
                if (verifier == null) {
                    SSLParameters parameters = s.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    s.setSSLParameters(parameters);
                }
                s.startHandshake();
                if (verifier != null && !verifier.verify(host, s.getSession())) {
                    throw new SSLPeerUnverifiedException("the hostname verifier refused " + host);
                }
                connected = s;
            }
            return new Http1Connection(authority(uri), connected, proxy != null && !https);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An HTTP proxy's tunnel to host:port (CONNECT), with the proxy's credentials when configured. */
    private static void tunnel(Socket socket, String host, int port, String proxyAuthorization) throws IOException {
        // URI.getHost() keeps an IPv6 literal's brackets, as the authority needs them
        String target = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ").append(target).append("\r\n");
        if (proxyAuthorization != null) {
            request.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        // Byte by byte: nothing of the tunnelled TLS stream may be read ahead here.
        String status = Http1Response.line(in);
        while (!Http1Response.line(in).isEmpty()) {
            // the proxy's headers
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[1].startsWith("2")) {
            throw new IOException("the proxy refused the tunnel to " + target + ": " + status);
        }
    }

    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    int readTimeout() throws IOException {
        return socket.getSoTimeout();
    }

    void idle() {
        idleSince = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - idleSince;
    }

    /**
     * Whether the server closed (or wrote to) this idle connection: a read that waits at most a
     * millisecond. Only made for a connection idle longer than {@link #VALIDATE_AFTER_IDLE_NANOS},
     * as Apache HttpClient does, so a warm function's back-to-back calls pay nothing.
     */
    boolean isStale() {
        try {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(1);
            try {
                in.mark(1);
                int b = in.read();
                if (b < 0) {
                    return true;
                }
                in.reset();
                return true; // bytes nobody asked for: not a connection to send on
            } catch (SocketTimeoutException quiet) {
                return false;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
