package ai.claw.bench.micro;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A socket that swallows what is written and answers every read with the same RESP reply, over
 * and over: a Redis server that costs nothing, so the client's and the agent's costs show.
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
        final byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        in = new InputStream() {
            private int next;

            @Override
            public int read() {
                int b = bytes[next];
                next = (next + 1) % bytes.length;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                // Whole replies only, so every read ends on a reply boundary like a real server's.
                int n = len < bytes.length ? len : len / bytes.length * bytes.length;
                for (int i = 0; i < n; i++) {
                    b[off + i] = bytes[next];
                    next = (next + 1) % bytes.length;
                }
                return n;
            }
        };
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
