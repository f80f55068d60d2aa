package org.bmsw.firmware;

/** The steps of a flash, in order. Nothing on the device changes before {@link #ERASE}. */
public enum FlashPhase {
    /** The image's validation and the confirmations given; nothing is sent. */
    VALIDATE,
    /** The caller's parameter backup, while the application still runs. */
    BACKUP,
    /** Asking the application to restart into its bootloader, or finding it already there. */
    ENTER_BOOTLOADER,
    /** CONNECT, GET_STATUS, PROGRAM_START. */
    CONNECT,
    /** PROGRAM_CLEAR of every segment. */
    ERASE,
    /** PROGRAM_MAX / PROGRAM, block by block. */
    PROGRAM,
    /** BUILD_CHECKSUM (or reading back) of every segment against the image. */
    VERIFY,
    /** PROGRAM with length 0: the bootloader marks the image complete and valid. */
    COMMIT,
    /** PROGRAM_RESET: the device starts the new application. */
    RESET,
    /** The caller's parameter restore, on the new application. */
    RESTORE,
    /** Finished. */
    DONE
}
