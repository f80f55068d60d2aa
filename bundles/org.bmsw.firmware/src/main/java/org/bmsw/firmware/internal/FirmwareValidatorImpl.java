package org.bmsw.firmware.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.firmware.Check;
import org.bmsw.firmware.Finding;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FirmwareValidator;
import org.bmsw.firmware.FirmwareVersion;
import org.bmsw.firmware.FpManifest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.ImageFormatException;
import org.bmsw.firmware.Segment;
import org.bmsw.firmware.TargetDevice;
import org.bmsw.firmware.TrustedKeys;
import org.bmsw.firmware.ValidationSummary;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks only what it is given; the trusted keys are read again for every validation, so new keys count at once. */
@Component(service = FirmwareValidator.class, configurationPid = FirmwareValidator.PID)
@Designate(ocd = FirmwareConfig.class)
public class FirmwareValidatorImpl implements FirmwareValidator {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareValidatorImpl.class);

    private final Supplier<TrustedKeys> trustedKeys;

    @Activate
    public FirmwareValidatorImpl(BundleContext context, FirmwareConfig config) {
        this(keysDirectory(context.getProperty("bmsw.config.dir"), config.trustedKeysDirectory()));
    }

    public FirmwareValidatorImpl(Path trustedKeysDirectory) {
        this.trustedKeys = () -> TrustedKeys.load(trustedKeysDirectory);
    }

    static Path keysDirectory(String configDir, String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        Path base = configDir != null ? Path.of(configDir) : Path.of(System.getProperty("user.home"), ".config", "bmsw");
        return base.resolve("trusted-keys");
    }

    @Override
    public ValidationSummary validate(Firmware firmware, TargetDevice target) {
        return validate(firmware, target, List.of());
    }

    @Override
    public TrustedKeys trustedKeys() {
        return trustedKeys.get();
    }

    @Override
    public ValidationSummary validate(Firmware firmware, TargetDevice target, List<TrustedKeys.TrustedKey> alsoTrusted) {
        Supplier<TrustedKeys> keys = alsoTrusted.isEmpty() ? trustedKeys : () -> trustedKeys.get().plus(alsoTrusted);
        List<Finding> refusals = new ArrayList<>();
        List<Finding> confirmations = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        FirmwareImage image = firmware.image();
        if (image.isEmpty()) {
            refusals.add(new Finding(Check.CONTENT, "the image holds no data"));
        }
        if (firmware instanceof FpPackage fp) {
            checkPackage(fp, target, keys, refusals, confirmations, passed);
        } else {
            String what = "a bare " + image.format() + " image (" + firmware.source() + ")";
            if (target.requiresSignedImages()) {
                refusals.add(new Finding(Check.SIGNATURE, "the device requires signed images and " + what
                        + " carries no signature: use an FP package signed by a trusted key"));
            }
            confirmations.add(new Finding(Check.IDENTITY, what + " does not say which model, hardware revision or version it is;"
                    + " confirm it is firmware for " + target.describe()));
        }
        checkFlashMap(image, target.flashMap(), refusals, passed);
        ValidationSummary summary = new ValidationSummary(firmware, target, refusals, confirmations, passed);
        if (summary.refused()) {
            LOG.info("Firmware {} refused for {}: {}", firmware.source(), target.describe(), refusals);
        }
        return summary;
    }

    private void checkPackage(FpPackage fp, TargetDevice target, Supplier<TrustedKeys> trusted, List<Finding> refusals,
                              List<Finding> confirmations, List<String> passed) {
        FpManifest m = fp.manifest();
        if (m.model().strip().equalsIgnoreCase(target.model().strip())) {
            passed.add("model " + m.model());
        } else {
            refusals.add(new Finding(Check.MODEL, "the package is for model " + m.model() + ", the device is a " + target.model()));
        }
        if (m.hardwareRevision().equals("*")) {
            passed.add("hardware revision: any");
        } else if (target.hardwareRevision().isEmpty()) {
            refusals.add(new Finding(Check.HARDWARE_REVISION, "the package is for hardware revision " + m.hardwareRevision()
                    + " and the device does not report its revision"));
        } else if (m.hardwareRevision().strip().equalsIgnoreCase(target.hardwareRevision().strip())) {
            passed.add("hardware revision " + m.hardwareRevision());
        } else {
            refusals.add(new Finding(Check.HARDWARE_REVISION, "the package is for hardware revision " + m.hardwareRevision()
                    + ", the device is revision " + target.hardwareRevision()));
        }
        try {
            FpCodec.checkIntegrity(fp.source(), 0, m, fp.payload());
            passed.add("payload CRC-32 " + m.crc32() + " and SHA-256 " + m.sha256().substring(0, 16) + "...");
        } catch (ImageFormatException e) {
            refusals.add(new Finding(Check.INTEGRITY, e.getMessage()));
        }
        checkSignature(fp, target, trusted, refusals, confirmations, passed);
        if (target.firmwareVersion().isEmpty()) {
            passed.add("version " + m.firmwareVersion() + " (the device does not report what it runs)");
        } else {
            FirmwareVersion incoming = FirmwareVersion.parse(m.firmwareVersion());
            FirmwareVersion running = FirmwareVersion.parse(target.firmwareVersion());
            int order = incoming.compareTo(running);
            if (order < 0) {
                confirmations.add(new Finding(Check.DOWNGRADE, "version " + incoming + " is older than the " + running
                        + " the device runs: confirm the downgrade"));
            } else {
                passed.add("version " + incoming + (order == 0 ? " (the same as the device runs)" : " (the device runs " + running + ")"));
            }
        }
    }

    private void checkSignature(FpPackage fp, TargetDevice target, Supplier<TrustedKeys> trusted, List<Finding> refusals,
                                List<Finding> confirmations, List<String> passed) {
        boolean required = target.requiresSignedImages();
        Optional<String> signature = fp.manifest().signature();
        if (signature.isEmpty()) {
            if (required) {
                refusals.add(new Finding(Check.SIGNATURE, "the device requires signed images and the package is unsigned"));
            } else {
                passed.add("unsigned, and the device does not require a signature");
            }
            return;
        }
        TrustedKeys keys = trusted.get();
        keys.problems().forEach(p -> LOG.warn("Trusted key not usable: {}", p));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature.get());
        } catch (IllegalArgumentException e) {
            refusals.add(new Finding(Check.SIGNATURE, "the signature is not Base64: the package is damaged"));
            return;
        }
        Optional<TrustedKeys.TrustedKey> signer = bytes.length == 64 ? keys.signer(fp.canonicalManifest(), bytes) : Optional.empty();
        if (signer.isPresent()) {
            passed.add("signature by trusted key " + signer.get().file() + " (" + signer.get().fingerprint() + ")");
            return;
        }
        String why = bytes.length != 64 ? "the signature is " + bytes.length + " bytes, an Ed25519 signature 64"
                : keys.keys().isEmpty() ? "no trusted keys are configured (" + keys.directory() + " has no usable *.pem)"
                : "the signature verifies against none of the " + keys.keys().size() + " trusted keys in " + keys.directory()
                        + ": the package was changed after signing, or signed by another key";
        if (required) {
            refusals.add(new Finding(Check.SIGNATURE, why));
        } else {
            confirmations.add(new Finding(Check.SIGNATURE, why + "; the device does not require a signature: confirm to flash it as unsigned"));
        }
    }

    private static void checkFlashMap(FirmwareImage image, List<FlashRegion> flashMap, List<Finding> refusals, List<String> passed) {
        if (image.isEmpty()) {
            return;
        }
        if (flashMap.isEmpty()) {
            refusals.add(new Finding(Check.FLASH_MAP, "the device declares no flash map, so no address can be checked"));
            return;
        }
        List<long[]> areas = mergedAreas(flashMap);
        List<String> outside = new ArrayList<>();
        for (Segment segment : image.segments()) {
            boolean inside = areas.stream().anyMatch(a -> segment.address() >= a[0] && segment.end() <= a[1]);
            if (!inside) {
                outside.add(Segment.range(segment.address(), segment.length()));
            }
        }
        String map = String.join(", ", areas.stream().map(a -> Segment.range(a[0], a[1] - a[0])).toList());
        if (outside.isEmpty()) {
            passed.add("every byte inside the flash map (" + map + ")");
        } else {
            refusals.add(new Finding(Check.FLASH_MAP, "data outside the flash map " + map + ": "
                    + String.join(", ", outside.subList(0, Math.min(3, outside.size())))
                    + (outside.size() > 3 ? " and " + (outside.size() - 3) + " more" : "")));
        }
    }

    /** Regions joined where they touch, so an image may span two adjacent regions. */
    private static List<long[]> mergedAreas(List<FlashRegion> flashMap) {
        List<FlashRegion> sorted = new ArrayList<>(flashMap);
        sorted.sort(Comparator.comparingLong(FlashRegion::start));
        List<long[]> areas = new ArrayList<>();
        for (FlashRegion region : sorted) {
            long[] last = areas.isEmpty() ? null : areas.get(areas.size() - 1);
            if (last != null && region.start() <= last[1]) {
                last[1] = Math.max(last[1], region.start() + region.size());
            } else {
                areas.add(new long[] {region.start(), region.start() + region.size()});
            }
        }
        return areas;
    }
}
