package dev.ocifn.deploy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A "connection" whose bytes come from memory and go to memory, for the FDK's HTTP framing
 * (httpcore) in place of the Fn agent's unix socket. The FDK's own UnixSocket is a Socket subclass
 * in the same way; this one needs no native library.
 */
final class ByteSocket extends Socket {
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean closed;

    ByteSocket(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public void shutdownInput() {
        // nothing to shut
    }

    @Override
    public void shutdownOutput() {
        // nothing to shut
    }

    @Override
    public synchronized int getSoTimeout() {
        return 0;
    }

    @Override
    public synchronized void setSoTimeout(int timeout) {
        // reads from memory never block
    }

    @Override
    public synchronized void setSendBufferSize(int size) {
        // no buffers to size
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) {
        // no buffers to size
    }
}
