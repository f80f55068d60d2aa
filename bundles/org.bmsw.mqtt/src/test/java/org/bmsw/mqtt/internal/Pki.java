package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made with openssl: a CA, a broker certificate for 127.0.0.1 / localhost
 * (RSA) and a client certificate (EC P-256), keys as unencrypted PKCS#8 PEM.
 */
final class Pki {

    final Path caCert;
    final Path serverCert;
    final Path serverKey;
    final Path clientCert;
    final Path clientKey;

    private Pki(Path dir) {
        caCert = dir.resolve("ca.crt");
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.crt");
        clientKey = dir.resolve("client.key");
    }

    static Pki create(Path dir) throws IOException, InterruptedException {
        Pki pki = new Pki(dir);
        Path caKey = dir.resolve("ca.key");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", pki.caCert.toString(),
                "-days", "2", "-subj", "/CN=BMS Workbench test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        pki.issue(dir, "server", List.of("-newkey", "rsa:2048"), "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        pki.issue(dir, "client", List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"), "/CN=bmsw-test-client",
                "extendedKeyUsage=clientAuth");
        return pki;
    }

    private void issue(Path dir, String name, List<String> keyOptions, String subject, String extension)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        List<String> req = new java.util.ArrayList<>(List.of("req"));
        req.addAll(keyOptions);
        req.addAll(List.of("-nodes", "-keyout", dir.resolve(name + ".key").toString(), "-out", csr.toString(), "-subj", subject));
        openssl(dir, req.toArray(new String[0]));
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", dir.resolve("ca.key").toString(),
                "-CAcreateserial", "-out", dir.resolve(name + ".crt").toString(), "-days", "2", "-extfile", ext.toString());
    }

    static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        run(dir, "openssl", args);
    }

    static String run(Path dir, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(program + " is needed by this test (Debian: openssl, mosquitto): " + e.getMessage(), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
