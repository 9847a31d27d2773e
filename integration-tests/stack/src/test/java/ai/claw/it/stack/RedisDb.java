package ai.claw.it.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A few commands to one Redis database over RESP, for setting up and cleaning the test's database. */
final class RedisDb {

    private RedisDb() {
    }

    /** Runs each command (words) on database {@code db}; returns the last reply as text; a Redis error throws. */
    static String run(String host, int port, int db, String[]... commands) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String reply = send(out, in, "SELECT", Integer.toString(db));
            for (String[] command : commands) {
                reply = send(out, in, command);
            }
            return reply;
        }
    }

    private static String send(OutputStream out, InputStream in, String... words) throws IOException {
        StringBuilder b = new StringBuilder("*").append(words.length).append("\r\n");
        for (String w : words) {
            b.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = line(in);
        switch (line.charAt(0)) {
            case '-':
                throw new IOException("Redis " + String.join(" ", words) + ": " + line.substring(1));
            case '$': {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(n + 2);
                return new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*':
                throw new IOException("array replies are not needed here: " + String.join(" ", words));
            default:
                return line.substring(1);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return b.toString();
            }
            b.append((char) c);
        }
        throw new IOException("Redis closed the connection");
    }
}
