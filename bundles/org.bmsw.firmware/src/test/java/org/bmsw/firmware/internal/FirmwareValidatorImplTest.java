package org.bmsw.firmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.firmware.Check;
import org.bmsw.firmware.Finding;
import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FirmwareImages;
import org.bmsw.firmware.FpKeys;
import org.bmsw.firmware.FpManifest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.FpPackageBuilder;
import org.bmsw.firmware.ImageFormat;
import org.bmsw.firmware.Segment;
import org.bmsw.firmware.TargetDevice;
import org.bmsw.firmware.ValidationSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal and confirmation the validator gives, and the checks that pass. */
class FirmwareValidatorImplTest {

    private static final List<FlashRegion> MAP = List.of(new FlashRegion(0x0800_4000L, 0x4000), new FlashRegion(0x0800_8000L, 0x8000));
    private static final TargetDevice DEVICE = new TargetDevice("BI5132", "B", MAP, false, "1.2.0");
    private static final TargetDevice SIGNED_ONLY = new TargetDevice("BI5132", "B", MAP, true, "1.2.0");

    @TempDir
    Path keysDir;
    private final KeyPair vendor = FpKeys.generate();
    private FirmwareValidatorImpl validator;
    private FirmwareImage app;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(keysDir.resolve("vendor.pem"), FpKeys.toPem(vendor.getPublic()));
        validator = new FirmwareValidatorImpl(keysDir);
        try (InputStream in = getClass().getResourceAsStream("/images/app.s37")) {
            app = FirmwareImages.parse("app.s37", in.readAllBytes(), Optional.empty(), OptionalLong.empty()).image();
        }
    }

    private FpPackage pack(String model, String hw, String version, FirmwareImage image, KeyPair signer) throws Exception {
        FpPackageBuilder b = new FpPackageBuilder().model(model).hardwareRevision(hw).firmwareVersion(version).image(image);
        if (signer != null) {
            b.signWith(signer.getPrivate());
        }
        return b.build("app.fp");
    }

    private static Set<Check> checks(List<Finding> findings) {
        return findings.stream().map(Finding::check).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aMatchingSignedNewerPackagePassesEveryCheck() throws Exception {
        ValidationSummary s = validator.validate(pack("BI5132", "B", "1.3.0", app, vendor), SIGNED_ONLY);
        assertEquals(List.of(), s.refusals());
        assertEquals(List.of(), s.confirmationsNeeded());
        assertTrue(s.approvedWith(Set.of()));
        String text = s.describe();
        assertTrue(text.contains("signature by trusted key vendor.pem"), text);
        assertTrue(text.contains("every byte inside the flash map"), text);
        assertTrue(text.contains("version 1.3.0 (the device runs 1.2.0)"), text);
    }

    @Test
    void wrongModelAndWrongHardwareAreRefused() throws Exception {
        ValidationSummary s = validator.validate(pack("BI5148", "C", "1.3.0", app, vendor), DEVICE);
        assertEquals(Set.of(Check.MODEL, Check.HARDWARE_REVISION), checks(s.refusals()));
        assertTrue(s.refusals().get(0).message().contains("for model BI5148, the device is a BI5132"), s.describe());
        assertFalse(s.approvedWith(Set.of(Check.values())), "no confirmation overrides a refusal");
    }

    @Test
    void anyHardwareRevisionAndADeviceThatDoesNotReportItsRevision() throws Exception {
        assertEquals(List.of(), validator.validate(pack("bi5132", "*", "1.3.0", app, null), DEVICE).refusals());
        TargetDevice silent = new TargetDevice("BI5132", "", MAP, false, "1.2.0");
        ValidationSummary s = validator.validate(pack("BI5132", "B", "1.3.0", app, null), silent);
        assertEquals(Set.of(Check.HARDWARE_REVISION), checks(s.refusals()));
    }

    @Test
    void dataOutsideTheFlashMapIsRefusedWithTheRanges() throws Exception {
        FirmwareImage outside = new FirmwareImage("x", ImageFormat.SREC, List.of(new Segment(0x0800_0000L, new byte[16]),
                new Segment(0x0800_FFF0L, new byte[0x20])), OptionalLong.empty(), "");
        ValidationSummary s = validator.validate(pack("BI5132", "B", "1.3.0", outside, null), DEVICE);
        assertEquals(Set.of(Check.FLASH_MAP), checks(s.refusals()));
        String m = s.refusals().get(0).message();
        assertTrue(m.contains("0x08000000..0x0800000F (16 bytes)") && m.contains("0x0800FFF0..0x0801000F (32 bytes)"), m);
        // across the two adjacent regions is inside
        FirmwareImage spanning = new FirmwareImage("y", ImageFormat.SREC, List.of(new Segment(0x0800_7FF0L, new byte[0x20])),
                OptionalLong.empty(), "");
        assertEquals(List.of(), validator.validate(pack("BI5132", "B", "1.3.0", spanning, null), DEVICE).refusals());
        TargetDevice noMap = new TargetDevice("BI5132", "B", List.of(), false, "");
        assertEquals(Set.of(Check.FLASH_MAP), checks(validator.validate(pack("BI5132", "B", "1", app, null), noMap).refusals()));
    }

    @Test
    void unsignedOrUntrustedWhenRequiredIsRefused() throws Exception {
        ValidationSummary unsigned = validator.validate(pack("BI5132", "B", "1.3.0", app, null), SIGNED_ONLY);
        assertEquals(Set.of(Check.SIGNATURE), checks(unsigned.refusals()));
        assertTrue(unsigned.refusals().get(0).message().contains("requires signed images and the package is unsigned"));
        ValidationSummary stranger = validator.validate(pack("BI5132", "B", "1.3.0", app, FpKeys.generate()), SIGNED_ONLY);
        assertEquals(Set.of(Check.SIGNATURE), checks(stranger.refusals()));
        assertTrue(stranger.refusals().get(0).message().contains("none of the 1 trusted keys"), stranger.describe());
        ValidationSummary bare = validator.validate(app, SIGNED_ONLY);
        assertEquals(Set.of(Check.SIGNATURE), checks(bare.refusals()));
    }

    @Test
    void aTamperedSignedManifestIsRefusedWhenSignaturesAreRequiredAndNeedsConfirmingOtherwise() throws Exception {
        FpPackage good = pack("BI5132", "B", "1.3.0", app, vendor);
        FpManifest m = good.manifest();
        FpManifest older = new FpManifest(m.format(), m.model(), m.hardwareRevision(), "9.9.9", m.payloadFormat(), m.baseAddress(),
                m.payloadLength(), m.crc32(), m.sha256(), m.description(), m.signature());
        FpPackage tampered = new FpPackage("app.fp", older, good.payload(), good.image());
        assertEquals(Set.of(Check.SIGNATURE), checks(validator.validate(tampered, SIGNED_ONLY).refusals()));
        ValidationSummary lax = validator.validate(tampered, DEVICE);
        assertEquals(List.of(), lax.refusals());
        assertEquals(Set.of(Check.SIGNATURE), checks(lax.confirmationsNeeded()));
    }

    @Test
    void aPayloadThatDoesNotMatchItsHashesIsRefused() throws Exception {
        FpPackage good = pack("BI5132", "B", "1.3.0", app, vendor);
        byte[] corrupted = good.payload();
        corrupted[7] ^= 0x40;
        ValidationSummary s = validator.validate(new FpPackage("app.fp", good.manifest(), corrupted, good.image()), DEVICE);
        assertEquals(Set.of(Check.INTEGRITY), checks(s.refusals()));
        assertTrue(s.refusals().get(0).message().contains("corrupted"), s.describe());
    }

    @Test
    void aDowngradeNeedsConfirmationAndTheSameVersionDoesNot() throws Exception {
        ValidationSummary down = validator.validate(pack("BI5132", "B", "1.1.9", app, vendor), DEVICE);
        assertEquals(List.of(), down.refusals());
        assertEquals(Set.of(Check.DOWNGRADE), checks(down.confirmationsNeeded()));
        assertFalse(down.approvedWith(Set.of()));
        assertTrue(down.approvedWith(Set.of(Check.DOWNGRADE)));
        assertEquals(List.of(down.confirmationsNeeded().get(0)), down.obstacles(Set.of()));
        assertTrue(validator.validate(pack("BI5132", "B", "1.2", app, vendor), DEVICE).approvedWith(Set.of()));
        TargetDevice inBootloader = new TargetDevice("BI5132", "B", MAP, false, "");
        assertTrue(validator.validate(pack("BI5132", "B", "0.1", app, vendor), inBootloader).approvedWith(Set.of()));
    }

    @Test
    void aBareImageNeedsItsIdentityConfirmed() throws Exception {
        ValidationSummary s = validator.validate(app, DEVICE);
        assertEquals(List.of(), s.refusals());
        assertEquals(Set.of(Check.IDENTITY), checks(s.confirmationsNeeded()));
        assertTrue(s.confirmationsNeeded().get(0).message().contains("confirm it is firmware for BI5132 hw B fw 1.2.0"));
    }

    @Test
    void anEmptyImageIsRefused() {
        FirmwareImage empty = new FirmwareImage("e.bin", ImageFormat.BINARY, List.of(), OptionalLong.empty(), "");
        assertEquals(Set.of(Check.CONTENT), checks(validator.validate(empty, DEVICE).refusals()));
    }

    @Test
    void keysAddedToTheDirectoryCountAtOnceAndBrokenKeyFilesAreSkipped() throws Exception {
        KeyPair second = FpKeys.generate();
        FpPackage bySecond = pack("BI5132", "B", "1.3.0", app, second);
        assertTrue(validator.validate(bySecond, SIGNED_ONLY).refused());
        Files.writeString(keysDir.resolve("broken.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Files.writeString(keysDir.resolve("second.pem"), FpKeys.toPem(second.getPublic()));
        ValidationSummary s = validator.validate(bySecond, SIGNED_ONLY);
        assertFalse(s.refused(), s.describe());
        assertTrue(s.passed().stream().anyMatch(p -> p.contains("second.pem")), s.describe());
    }

    @Test
    void noTrustedKeysAtAllIsSaid(@TempDir Path empty) throws Exception {
        ValidationSummary s = new FirmwareValidatorImpl(empty.resolve("missing")).validate(pack("BI5132", "B", "1.3.0", app, vendor), SIGNED_ONLY);
        assertTrue(s.refusals().get(0).message().contains("no trusted keys are configured"), s.describe());
    }

    @Test
    void theKeysDirectoryDefaultsToTheConfigurationDirectory() {
        assertEquals(Path.of("/etc/bmsw/trusted-keys"), FirmwareValidatorImpl.keysDirectory("/etc/bmsw", ""));
        assertEquals(Path.of("/opt/keys"), FirmwareValidatorImpl.keysDirectory("/etc/bmsw", "/opt/keys"));
    }
}
