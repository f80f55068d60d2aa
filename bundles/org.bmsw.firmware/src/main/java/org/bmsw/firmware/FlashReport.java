package org.bmsw.firmware;

import java.time.Duration;
import java.util.Optional;

/**
 * A completed flash.
 *
 * @param source            the image's file
 * @param bytes             image bytes programmed
 * @param elapsed           from the first command to the reset
 * @param programmingRate   bytes per second while programming
 * @param sessions          programming sessions it took (more than 1 after the device stopped answering mid-way)
 * @param enteredBootloader true if the application was asked into its bootloader, false if it already waited there
 * @param verification      how the programmed bytes were checked ("CRC_32 0x1234ABCD per segment", "read back")
 * @param restoreProblem    why the parameter restore failed; empty when it worked or there was none
 */
public record FlashReport(String source, long bytes, Duration elapsed, double programmingRate, int sessions,
                          boolean enteredBootloader, String verification, Optional<String> restoreProblem) {

    public FlashReport withRestoreProblem(String problem) {
        return new FlashReport(source, bytes, elapsed, programmingRate, sessions, enteredBootloader, verification,
                Optional.of(problem));
    }
}
