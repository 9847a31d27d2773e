package ai.claw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Plain GETs on 127.0.0.1 and free ports. */
public final class Http {

    private Http() {
    }

    /** The status code of a GET, or -1 when nothing answers (yet). */
    public static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(10_000);
            int status = c.getResponseCode();
            InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
            if (body != null) {
                body.readAllBytes();
                body.close();
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    public static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(2_000);
        c.setReadTimeout(30_000);
        if (c.getResponseCode() != 200) {
            throw new IOException("GET " + url + " answered " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
