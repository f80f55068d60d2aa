package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as openssl writes them, and the errors for the ones we cannot use. */
class TlsContextsTest {

    @TempDir
    static Path dir;
    static Pki pki;

    @BeforeAll
    static void makePki() throws Exception {
        pki = Pki.create(dir);
    }

    @Test
    void readsRsaAndEcKeysInPkcs8() throws IOException {
        assertEquals("RSA", TlsContexts.privateKey(pki.serverKey).getAlgorithm());
        assertEquals("EC", TlsContexts.privateKey(pki.clientKey).getAlgorithm());
        assertNotNull(TlsContexts.socketFactory(pki.caCert, pki.clientCert, pki.clientKey));
        assertNotNull(TlsContexts.socketFactory(null, null, null), "the Java trust store");
    }

    @Test
    void traditionalKeyFormatsSayHowToConvert() throws Exception {
        Path pkcs1 = dir.resolve("rsa-pkcs1.key");
        Pki.openssl(dir, "genrsa", "-traditional", "-out", pkcs1.toString(), "2048");
        IOException e = assertThrows(IOException.class, () -> TlsContexts.privateKey(pkcs1));
        assertTrue(e.getMessage().contains("found a PKCS#1 RSA key")
                && e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1), e.getMessage());

        Path encrypted = dir.resolve("encrypted.key");
        Pki.openssl(dir, "pkcs8", "-topk8", "-in", pki.serverKey.toString(), "-out", encrypted.toString(), "-passout", "pass:x");
        e = assertThrows(IOException.class, () -> TlsContexts.privateKey(encrypted));
        assertTrue(e.getMessage().contains("found an encrypted key"), e.getMessage());
    }

    @Test
    void aFileThatIsNoCertificateIsNamed() throws IOException {
        Path notCert = Files.writeString(dir.resolve("not-a-cert.pem"), "hello\n");
        IOException e = assertThrows(IOException.class, () -> TlsContexts.socketFactory(notCert, null, null));
        assertTrue(e.getMessage().startsWith("caFile '" + notCert + "'"), e.getMessage());
        e = assertThrows(IOException.class, () -> TlsContexts.socketFactory(pki.caCert, pki.clientKey, pki.clientKey));
        assertTrue(e.getMessage().startsWith("clientCertFile '" + pki.clientKey + "'"), e.getMessage());
    }
}
