package org.bmsw.firmware.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.firmware.FpKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bmsw flash keygen}: an Ed25519 key pair for signing FP packages, in OpenSSL's PEM files. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = {
        "Makes an Ed25519 key pair for signing FP packages: PREFIX.pem (private,",
        "readable by you only) and PREFIX.pub.pem (public: put it in the trusted-keys",
        "directory of every installation that flashes your packages). OpenSSL makes",
        "and reads the same."})
final class KeygenCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "PREFIX", description = "Writes PREFIX.pem and PREFIX.pub.pem.")
    String prefix;

    KeygenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path privateFile = Path.of(prefix + ".pem");
        Path publicFile = Path.of(prefix + ".pub.pem");
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " exists; keys are never overwritten");
            }
        }
        KeyPair pair = FpKeys.generate();
        try {
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(privateFile); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(privateFile + " exists; keys are never overwritten");
        }
        Files.writeString(privateFile, FpKeys.toPem(pair.getPrivate()), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        Files.writeString(publicFile, FpKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        context.out().println("private key: " + privateFile + " (keep it secret; sign with bmsw flash pack --sign)");
        context.out().println("public key:  " + publicFile + " (fingerprint " + FpKeys.fingerprint(pair.getPublic()) + ")");
        return CliCommand.OK;
    }
}
