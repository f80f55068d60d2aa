package org.bmsw.firmware;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Ed25519 public keys whose signatures are trusted: every {@code *.pem} file in a directory.
 *
 * @param directory where they were read from
 * @param keys      the keys that could be read
 * @param problems  files that could not be read, each with why (such a key is not trusted)
 */
public record TrustedKeys(Path directory, List<TrustedKey> keys, List<String> problems) {

    /**
     * @param file        the key file's name
     * @param key         the public key
     * @param fingerprint {@link FpKeys#fingerprint}
     */
    public record TrustedKey(String file, PublicKey key, String fingerprint) {

        /** One public key file (PEM, e.g. given on the command line). */
        public static TrustedKey read(Path file) throws IOException, InvalidKeyException {
            PublicKey key = FpKeys.readPublicKey(file);
            return new TrustedKey(file.getFileName().toString(), key, FpKeys.fingerprint(key));
        }
    }

    public TrustedKeys {
        keys = List.copyOf(keys);
        problems = List.copyOf(problems);
    }

    /** Reads the directory now; a missing directory has no keys. */
    public static TrustedKeys load(Path directory) {
        List<TrustedKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.pem")) {
                for (Path file : files) {
                    try {
                        keys.add(TrustedKey.read(file));
                    } catch (IOException | InvalidKeyException e) {
                        problems.add(e.getMessage());
                    }
                }
            } catch (IOException e) {
                problems.add(directory + ": cannot be listed (" + e.getMessage() + ")");
            }
        }
        keys.sort(java.util.Comparator.comparing(TrustedKey::file));
        return new TrustedKeys(directory, keys, problems);
    }

    /** These keys and {@code more} (the same file name twice is kept twice: fingerprints tell them apart). */
    public TrustedKeys plus(List<TrustedKey> more) {
        List<TrustedKey> all = new ArrayList<>(keys);
        all.addAll(more);
        return new TrustedKeys(directory, all, problems);
    }

    /** The trusted key that made {@code signature} over {@code message}, if any. */
    public Optional<TrustedKey> signer(byte[] message, byte[] signature) {
        return keys.stream().filter(k -> FpKeys.verify(k.key(), message, signature)).findFirst();
    }
}
