package org.bmsw.firmware;

import java.util.Arrays;
import java.util.Objects;

import org.bmsw.firmware.internal.FpCodec;

/**
 * The vendor "FP" firmware package: a manifest, then the payload it describes. Read with
 * {@link FirmwareImages#read}, made with {@link FpPackageBuilder}; the layout is in the README.
 *
 * @param source   file name, for messages
 * @param manifest what the package says about itself
 * @param payload  the payload bytes as stored
 * @param image    the payload decoded into segments
 */
public record FpPackage(String source, FpManifest manifest, byte[] payload, FirmwareImage image) implements Firmware {

    public FpPackage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        payload = payload.clone();
        Objects.requireNonNull(image, "image");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The bytes the signature covers: the manifest without its signature, members sorted by name,
     * compact JSON in UTF-8.
     */
    public byte[] canonicalManifest() {
        return FpCodec.canonicalManifest(manifest);
    }

    /** The package as a file. */
    public byte[] toBytes() {
        return FpCodec.write(manifest, payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FpPackage p && p.source.equals(source) && p.manifest.equals(manifest)
                && Arrays.equals(p.payload, payload) && p.image.equals(image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, manifest, Arrays.hashCode(payload), image);
    }

    @Override
    public String toString() {
        return "FpPackage[" + source + ", " + manifest.model() + " hw " + manifest.hardwareRevision() + " fw "
                + manifest.firmwareVersion() + ", " + image.describe() + (manifest.signed() ? ", signed" : ", unsigned") + "]";
    }
}
