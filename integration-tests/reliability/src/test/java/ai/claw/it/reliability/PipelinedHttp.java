package ai.claw.it.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * HTTP/1.1 GETs pipelined on one keep-alive connection: a window of requests is written at once,
 * then their responses are read in order. Many times faster than one request at a time, so
 * floods of 100,000 requests take seconds.
 */
final class PipelinedHttp implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    PipelinedHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** GETs every path, {@code window} in flight at a time; returns how many answered 200. */
    long getAll(Iterator<String> paths, int window) throws IOException {
        long ok = 0;
        ByteArrayOutputStream batch = new ByteArrayOutputStream(window * 64);
        while (paths.hasNext()) {
            batch.reset();
            int sent = 0;
            while (sent < window && paths.hasNext()) {
                batch.write(("GET " + paths.next() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                sent++;
            }
            batch.writeTo(out);
            out.flush();
            for (int i = 0; i < sent; i++) {
                if (readResponse() == 200) {
                    ok++;
                }
            }
        }
        return ok;
    }

    /** Reads one response, discarding its body; returns its status. */
    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        return code;
    }

    private void skip(long n) throws IOException {
        for (long left = n; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed inside a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
