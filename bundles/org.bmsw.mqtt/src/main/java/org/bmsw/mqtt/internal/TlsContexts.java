package org.bmsw.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS from PEM files, as brokers (mosquitto, EMQX, HiveMQ) and openssl produce them: the CA certificate(s)
 * to trust, and optionally a client certificate with its PKCS#8 key. Read at every connection attempt, so a
 * renewed certificate is picked up without a restart.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param caFile   null: trust what the Java trust store trusts
     * @param certFile null: no client certificate ({@code keyFile} must be null too)
     */
    static SSLSocketFactory socketFactory(Path caFile, Path certFile, Path keyFile) throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                List<Certificate> cas = certificates("caFile", caFile);
                for (int i = 0; i < cas.size(); i++) {
                    anchors.setCertificateEntry("ca" + i, cas.get(i));
                }
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (certFile != null) {
                char[] password = "in-memory".toCharArray(); // the key store never leaves memory
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("client", privateKey(keyFile), password,
                        certificates("clientCertFile", certFile).toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(String key, Path file) throws IOException {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(key + " '" + file + "': not a PEM or DER X.509 certificate (" + e.getMessage() + ")", e);
        }
        if (read.isEmpty()) {
            throw new IOException(key + " '" + file + "': holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return new ArrayList<>(read);
    }

    static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        if (from < 0) {
            String found = pem.contains("-----BEGIN RSA PRIVATE KEY-----") ? "a PKCS#1 RSA key"
                    : pem.contains("-----BEGIN EC PRIVATE KEY-----") ? "a SEC1 EC key"
                    : pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ? "an encrypted key" : "no PEM private key";
            throw new IOException("clientKeyFile '" + file + "': found " + found
                    + "; expected an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----). Convert it with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out client.pk8.pem");
        }
        int to = pem.indexOf("-----END PRIVATE KEY-----", from);
        if (to < 0) {
            throw new IOException("clientKeyFile '" + file + "': -----END PRIVATE KEY----- is missing");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException("clientKeyFile '" + file + "': the key is not valid base64 (" + e.getMessage() + ")", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException("clientKeyFile '" + file + "': a PKCS#8 key of an algorithm other than RSA, EC or Ed25519");
    }
}
