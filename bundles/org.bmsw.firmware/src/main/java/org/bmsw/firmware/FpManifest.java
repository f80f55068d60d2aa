package org.bmsw.firmware;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an FP package says about its payload. The signature, when there is one, is an Ed25519 signature
 * of the canonical form of every other member (see {@link FpPackage#canonicalManifest()}).
 *
 * @param format           {@value #FORMAT}
 * @param model            device model the firmware is for, as the device reports it (e.g. "BI5132")
 * @param hardwareRevision hardware revision it is for, as the device reports it
 * @param firmwareVersion  the firmware's version, compared with the device's to spot downgrades
 * @param payloadFormat    how the payload encodes the image
 * @param baseAddress      where a {@link PayloadFormat#BINARY binary} payload goes; empty for the others
 * @param payloadLength    bytes of payload after the manifest
 * @param crc32            CRC-32 (IEEE, as zip) of the payload: 8 lowercase hex digits
 * @param sha256           SHA-256 of the payload: 64 lowercase hex digits
 * @param description      free text (release notes); may be empty
 * @param signature        Base64 of the 64-byte Ed25519 signature; empty when unsigned
 */
public record FpManifest(String format, String model, String hardwareRevision, String firmwareVersion,
                         PayloadFormat payloadFormat, OptionalLong baseAddress, long payloadLength, String crc32,
                         String sha256, String description, Optional<String> signature) {

    public static final String FORMAT = "bmsw-fp/1";

    public FpManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hardwareRevision, "hardwareRevision");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(payloadFormat, "payloadFormat");
        Objects.requireNonNull(baseAddress, "baseAddress");
        Objects.requireNonNull(crc32, "crc32");
        Objects.requireNonNull(sha256, "sha256");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(signature, "signature");
    }

    public boolean signed() {
        return signature.isPresent();
    }

    public FpManifest withSignature(Optional<String> newSignature) {
        return new FpManifest(format, model, hardwareRevision, firmwareVersion, payloadFormat, baseAddress, payloadLength,
                crc32, sha256, description, newSignature);
    }
}
