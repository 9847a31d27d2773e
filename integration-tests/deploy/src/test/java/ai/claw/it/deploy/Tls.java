package ai.claw.it.deploy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/** A throw-away self-signed certificate for 127.0.0.1, made by the JDK's keytool, as PEM files. */
final class Tls {

    final Path certPem;
    final Path keyPem;
    final SSLContext clientContext;

    private Tls(Path certPem, Path keyPem, SSLContext clientContext) {
        this.certPem = certPem;
        this.keyPem = keyPem;
        this.clientContext = clientContext;
    }

    static Tls selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        char[] pass = "changeit".toCharArray();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Proc.ok(List.of(keytool, "-genkeypair", "-alias", "claw", "-keyalg", "RSA", "-keysize", "2048",
                "-sigalg", "SHA256withRSA", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit"), dir.toFile(), null, 60);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pass);
        }
        Certificate cert = ks.getCertificate("claw");
        PrivateKey key = (PrivateKey) ks.getKey("claw", pass);
        Path certPem = dir.resolve("tls.crt");
        Path keyPem = dir.resolve("tls.key");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("claw", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return new Tls(certPem, keyPem, ctx);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
