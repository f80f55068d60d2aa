package org.bmsw.firmware;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.bmsw.firmware.internal.Digests;
import org.bmsw.firmware.internal.FpCodec;

/**
 * Makes an FP package ({@code bmsw flash pack}): the device it is for, the firmware's version, the
 * payload, and optionally an Ed25519 signature.
 *
 * <pre>
 * FpPackage fp = new FpPackageBuilder().model("BI5132").hardwareRevision("B").firmwareVersion("1.4.0")
 *         .image(FirmwareImages.read(path).image()).signWith(privateKey).build("app.fp");
 * Files.write(out, fp.toBytes());
 * </pre>
 */
public final class FpPackageBuilder {

    private String model;
    private String hardwareRevision;
    private String firmwareVersion;
    private String description = "";
    private PayloadFormat payloadFormat;
    private OptionalLong baseAddress = OptionalLong.empty();
    private byte[] payload;
    private PrivateKey signingKey;

    public FpPackageBuilder model(String value) {
        this.model = value;
        return this;
    }

    /** "*" stands for every revision of the model. */
    public FpPackageBuilder hardwareRevision(String value) {
        this.hardwareRevision = value;
        return this;
    }

    public FpPackageBuilder firmwareVersion(String value) {
        this.firmwareVersion = value;
        return this;
    }

    public FpPackageBuilder description(String value) {
        this.description = Objects.requireNonNullElse(value, "");
        return this;
    }

    /**
     * The payload from an image: one contiguous segment goes as binary at its address, several as
     * S-records, which keep the gaps between them.
     */
    public FpPackageBuilder image(FirmwareImage image) {
        if (image.isEmpty()) {
            throw new IllegalArgumentException(image.source() + " holds no data");
        }
        if (image.segments().size() == 1) {
            return payload(PayloadFormat.BINARY, image.segments().get(0).data(), OptionalLong.of(image.segments().get(0).address()));
        }
        return payload(PayloadFormat.SREC, FirmwareImages.toSRecord(image).getBytes(StandardCharsets.US_ASCII), OptionalLong.empty());
    }

    /** A payload as it is; {@code baseAddress} only (and always) for binary. */
    public FpPackageBuilder payload(PayloadFormat format, byte[] bytes, OptionalLong base) {
        this.payloadFormat = Objects.requireNonNull(format, "format");
        this.payload = bytes.clone();
        this.baseAddress = Objects.requireNonNull(base, "base");
        return this;
    }

    /** Signs the package; without it the package is unsigned. */
    public FpPackageBuilder signWith(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    /**
     * @param source the name the package goes by in messages (its file name)
     * @throws IllegalArgumentException naming what is missing or wrong
     * @throws ImageFormatException     when the payload does not decode
     * @throws InvalidKeyException      when the signing key is not an Ed25519 private key
     */
    public FpPackage build(String source) throws ImageFormatException, InvalidKeyException {
        require(model, "model");
        require(hardwareRevision, "hardwareRevision");
        require(firmwareVersion, "firmwareVersion");
        if (payload == null) {
            throw new IllegalArgumentException("no payload: give an image or a payload");
        }
        if ((payloadFormat == PayloadFormat.BINARY) != baseAddress.isPresent()) {
            throw new IllegalArgumentException(payloadFormat == PayloadFormat.BINARY
                    ? "a binary payload needs a base address" : "only a binary payload has a base address");
        }
        FpManifest manifest = new FpManifest(FpManifest.FORMAT, model, hardwareRevision, firmwareVersion, payloadFormat,
                baseAddress, payload.length, Digests.crc32(payload), Digests.sha256(payload), description, Optional.empty());
        FirmwareImage image = FpCodec.decodePayload(source, manifest, payload);
        if (signingKey != null) {
            byte[] signature = FpKeys.sign(signingKey, FpCodec.canonicalManifest(manifest));
            manifest = manifest.withSignature(Optional.of(Base64.getEncoder().encodeToString(signature)));
        }
        return new FpPackage(source, manifest, payload, image);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the package needs a " + name);
        }
    }
}
