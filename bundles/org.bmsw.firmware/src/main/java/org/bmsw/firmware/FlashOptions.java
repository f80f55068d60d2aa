package org.bmsw.firmware;

import java.time.Duration;
import java.util.Objects;

/**
 * How the flasher works through an image.
 *
 * @param blockBytes       bytes handed to the XCP master at a time (rounded to whole packets or master blocks);
 *                         cancelling takes effect within one packet or master block whatever the size
 * @param blockRetries     how often a block that failed (after the XCP master's own per-packet repeats) goes on
 *                         from its last acknowledged byte
 * @param sessionAttempts  how often the whole programming session starts over (CONNECT, PROGRAM_START, erase
 *                         and program from the start) after the device stopped answering mid-way
 * @param bootloaderWait   how long the bootloader may take to answer CONNECT after the application was asked
 *                         to restart into it
 */
public record FlashOptions(int blockBytes, int blockRetries, int sessionAttempts, Duration bootloaderWait) {

    public FlashOptions {
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes must be positive: " + blockBytes);
        }
        if (blockRetries < 0 || sessionAttempts < 1) {
            throw new IllegalArgumentException("blockRetries must be 0 or more, sessionAttempts 1 or more");
        }
        Objects.requireNonNull(bootloaderWait, "bootloaderWait");
    }

    /**
     * 64 KiB blocks (interleaved transfers drain only at a block's end), 1 block retry, 2 session attempts, 5 s for
     * the bootloader to come up.
     */
    public static FlashOptions defaults() {
        return new FlashOptions(64 * 1024, 1, 2, Duration.ofSeconds(5));
    }

    public FlashOptions withBlockBytes(int bytes) {
        return new FlashOptions(bytes, blockRetries, sessionAttempts, bootloaderWait);
    }

    public FlashOptions withRetries(int blocks, int sessions) {
        return new FlashOptions(blockBytes, blocks, sessions, bootloaderWait);
    }

    public FlashOptions withBootloaderWait(Duration wait) {
        return new FlashOptions(blockBytes, blockRetries, sessionAttempts, wait);
    }
}
