package dev.iamkit.jooq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a server, for tests of a network that misbehaves without touching the
 * server: {@link #blackHole()} keeps every connection open and accepts new ones but carries no
 * byte either way (a firewall that drops packets, a server that hangs), {@link #refuse()} closes
 * every connection and refuses new ones (a server that is gone), {@link #heal()} carries bytes again.
 */
final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean blackHoled;
    private volatile ServerSocket server;
    private final int port;

    TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = s.getLocalPort();
        listen(s);
    }

    int port() {
        return port;
    }

    private void listen(ServerSocket s) {
        server = s;
        Thread.ofVirtual().name("tcp-proxy-accept").start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket upstream = new Socket();
                    upstream.connect(target, 5_000);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed, or the target refused: the client sees its connection end
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("tcp-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (gate) {
                        while (blackHoled) {
                            gate.wait();
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side ended: end the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    /** Carries nothing from now on, either way, on old and new connections alike; nothing is closed. */
    void blackHole() {
        blackHoled = true;
    }

    /** Closes every connection and refuses new ones, as a stopped server's port does. */
    void refuse() throws IOException {
        server.close();
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Carries bytes again and, after {@link #refuse()}, accepts connections again on the same port. */
    void heal() throws IOException {
        if (server.isClosed()) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(s);
        }
        synchronized (gate) {
            blackHoled = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        heal();
        server.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
