package ai.claw.bench.micro;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A socket that swallows what is written and answers reads with a greeting once, then the same
 * reply over and over: a server that costs nothing (Redis with a RESP reply, PostgreSQL with a
 * query's result messages), so the client's and the agent's costs show.
 */
final class MemorySocket extends Socket {

    private final InputStream in;
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    };

    MemorySocket(String reply) {
        this(new byte[0], reply.getBytes(StandardCharsets.UTF_8));
    }

    MemorySocket(final byte[] greeting, final byte[] reply) {
        in = new InputStream() {
            private int greeted;
            private int next;

            @Override
            public int read() {
                if (greeted < greeting.length) {
                    return greeting[greeted++] & 0xff;
                }
                int b = reply[next] & 0xff;
                next = (next + 1) % reply.length;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (greeted < greeting.length) {
                    int n = Math.min(len, greeting.length - greeted);
                    System.arraycopy(greeting, greeted, b, off, n);
                    greeted += n;
                    return n;
                }
                // Whole replies only, so every read ends on a reply boundary like a real server's.
                // Copied a run at a time: a byte loop here was most of a PostgreSQL benchmark's time.
                int n = len < reply.length ? len : len / reply.length * reply.length;
                for (int copied = 0; copied < n; ) {
                    int run = Math.min(n - copied, reply.length - next);
                    System.arraycopy(reply, next, b, off + copied, run);
                    copied += run;
                    next = (next + run) % reply.length;
                }
                return n;
            }
        };
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
    }

    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public void setKeepAlive(boolean on) {
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
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public boolean isInputShutdown() {
        return false;
    }

    @Override
    public boolean isOutputShutdown() {
        return false;
    }

    @Override
    public int getSoTimeout() {
        return 0;
    }

    @Override
    public void setSoTimeout(int timeout) {
    }

    @Override
    public void close() {
    }
}
