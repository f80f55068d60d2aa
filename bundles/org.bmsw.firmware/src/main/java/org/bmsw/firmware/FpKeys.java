package org.bmsw.firmware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys for FP packages, in the PEM files OpenSSL uses: {@code openssl genpkey -algorithm ed25519
 * -out private.pem} and {@code openssl pkey -in private.pem -pubout -out public.pem} make a pair that
 * works here, and keys made here work there.
 */
public final class FpKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private FpKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 has Ed25519", e);
        }
    }

    /** PEM text: "PRIVATE KEY" (PKCS#8) for a private key, "PUBLIC KEY" (X.509) for a public one. */
    public static String toPem(Key key) {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, InvalidKeyException {
        byte[] der = pem(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException(file + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    public static PublicKey readPublicKey(Path file) throws IOException, InvalidKeyException {
        byte[] der = pem(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException(file + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    /** 16 hex digits of the SHA-256 of the encoded public key, to tell keys apart in messages. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) throws InvalidKeyException {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 has Ed25519", e);
        }
    }

    /** False for a wrong, malformed or foreign signature; never throws for bad signature bytes. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] pem(Path file, String type) throws IOException, InvalidKeyException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new InvalidKeyException(file + ": no PEM block (-----BEGIN " + type + "-----)");
        }
        if (!m.group(1).equals(type)) {
            throw new InvalidKeyException(file + ": holds a " + m.group(1) + ", a " + type + " is needed here");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(file + ": the PEM block is not Base64 (" + e.getMessage() + ")", e);
        }
    }
}
