package org.bmsw.protocol.xcp;

import java.util.Random;

/** The sequence OpenBLT's loader runs, plus the checksum check before the commit: what the flasher will do. */
final class FlashSequence {

    private FlashSequence() {
    }

    static byte[] image(long seed, int length) {
        byte[] image = new byte[length];
        new Random(seed).nextBytes(image);
        return image;
    }

    /** CONNECT .. PROGRAM_RESET; throws if the slave's checksum of what it received differs from the image's. */
    static void flash(XcpMaster master, long address, byte[] image) throws XcpException {
        ConnectInfo info = master.connect();
        if (master.getStatus().programmingLocked()) {
            throw new IllegalStateException("programming is locked");
        }
        master.firmwareInfo();
        master.programStart();
        master.programClear(address, image.length);
        master.program(address, image, 0, image.length, ProgressListener.NONE);
        Checksum checksum = master.checksum(address, image.length);
        if (!checksum.matches(image, 0, image.length, info.littleEndian())) {
            throw new IllegalStateException("the slave's checksum " + checksum + " does not match the image");
        }
        master.programEnd();
        master.programReset();
    }
}
