/**
 * Firmware images and the flashing that never bricks.
 *
 * <p>{@link org.bmsw.firmware.FirmwareImages} reads Motorola S-record, Intel HEX, raw binary (with a base
 * address) and the signed FP package ({@link org.bmsw.firmware.FpPackage}, built with
 * {@link org.bmsw.firmware.FpPackageBuilder}); every malformation is an
 * {@link org.bmsw.firmware.ImageFormatException} naming the file and the line or byte offset.
 * {@link org.bmsw.firmware.FirmwareValidator} checks an image against the connected device
 * ({@link org.bmsw.firmware.TargetDevice}) before anything is erased and lists refusals and the
 * confirmations a person must give. {@link org.bmsw.firmware.FirmwareFlasher} programs an approved image
 * through the OpenBLT XCP bootloader with progress, cancellation and resumption.
 */
@Version("1.1.0")
@Export
package org.bmsw.firmware;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
