package org.bmsw.transport.socketcan.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.transport.api.CanFrame;
import org.junit.jupiter.api.Test;

import tel.schich.javacan.CanId;
import tel.schich.javacan.JavaCAN;
import tel.schich.javacan.RawCanChannel;

/** Our frames against the kernel's struct can_frame as JavaCAN lays it out. Pure Java: runs on every machine. */
class JavaCanFramesTest {

    /** Every shape: standard and extended, data and remote, DLC 0..8, the smallest and largest ids. */
    static List<CanFrame> shapes() {
        List<CanFrame> frames = new ArrayList<>();
        for (int dlc = 0; dlc <= 8; dlc++) {
            byte[] data = new byte[dlc];
            for (int i = 0; i < dlc; i++) {
                data[i] = (byte) (0xA0 + i * 0x11);
            }
            frames.add(CanFrame.data(0x123, false, data));
            frames.add(CanFrame.data(0x18FF50E5, true, data));
            frames.add(CanFrame.remote(0x321, false, dlc));
            frames.add(CanFrame.remote(0x1ABCDEF0, true, dlc));
        }
        frames.add(CanFrame.data(0x000, false, (byte) 0xFF));
        frames.add(CanFrame.data(CanFrame.MAX_STANDARD_ID, false, (byte) 0x80));
        frames.add(CanFrame.data(0x000, true)); // a 29-bit id that fits in 11 bits stays 29-bit
        frames.add(CanFrame.data(0x7FF, true, (byte) 1));
        frames.add(CanFrame.data(CanFrame.MAX_EXTENDED_ID, true, (byte) 0x5A));
        frames.add(CanFrame.remote(CanFrame.MAX_EXTENDED_ID, true, 1));
        return frames;
    }

    @Test
    void everyShapeSurvivesTheRoundTrip() {
        for (CanFrame frame : shapes()) {
            tel.schich.javacan.CanFrame theirs = JavaCanFrames.toJavaCan(frame);
            assertEquals(RawCanChannel.MTU, theirs.getSize(), frame.toString());
            CanFrame back = JavaCanFrames.fromJavaCan(theirs, 42);
            assertEquals(frame, back, frame.toString());
            assertEquals(42, back.timestampNanos());
        }
    }

    @Test
    void standardFramesHaveNoFlagsInTheRawId() {
        tel.schich.javacan.CanFrame theirs = JavaCanFrames.toJavaCan(CanFrame.data(0x7E8, false, (byte) 2, (byte) 3));
        assertEquals(0x7E8, theirs.getRawId());
        assertFalse(theirs.isExtended());
        assertFalse(theirs.isRemoteTransmissionRequest());
        assertEquals(2, theirs.getDataLength());
        byte[] data = new byte[2];
        theirs.getData(data, 0, 2);
        assertArrayEquals(new byte[] {2, 3}, data);
    }

    @Test
    void extendedFramesCarryTheEffFlag() {
        tel.schich.javacan.CanFrame theirs = JavaCanFrames.toJavaCan(CanFrame.data(0x7FF, true, (byte) 9));
        assertEquals(0x7FF | CanId.EFF_FLAG, theirs.getRawId());
        assertTrue(theirs.isExtended());
        assertEquals(0x7FF, theirs.getId());
    }

    @Test
    void remoteFramesCarryTheRtrFlagAndTheRequestedLength() {
        tel.schich.javacan.CanFrame std = JavaCanFrames.toJavaCan(CanFrame.remote(0x100, false, 6));
        assertEquals(0x100 | CanId.RTR_FLAG, std.getRawId());
        assertEquals(6, std.getDataLength());
        tel.schich.javacan.CanFrame ext = JavaCanFrames.toJavaCan(CanFrame.remote(0x10000, true, 0));
        assertEquals(0x10000 | CanId.RTR_FLAG | CanId.EFF_FLAG, ext.getRawId());
        assertEquals(0, ext.getDataLength());
        assertTrue(ext.isRemoteTransmissionRequest());
    }

    @Test
    void readsFramesAsTheKernelWritesThem() {
        // struct can_frame { u32 can_id; u8 len; u8 __pad; u8 __res0; u8 len8_dlc; u8 data[8]; } in host order
        ByteBuffer kernel = JavaCAN.allocateOrdered(RawCanChannel.MTU);
        kernel.putInt(0x0CF00400 | CanId.EFF_FLAG).put((byte) 3).put((byte) 0).putShort((short) 0)
                .put(new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88}).flip();
        CanFrame ours = JavaCanFrames.fromJavaCan(tel.schich.javacan.CanFrame.create(kernel), 7);
        assertEquals(CanFrame.data(0x0CF00400, true, (byte) 0x11, (byte) 0x22, (byte) 0x33), ours);
    }

    @Test
    void remoteFramesFromTheKernelIgnoreTheirDataBytes() {
        ByteBuffer kernel = JavaCAN.allocateOrdered(RawCanChannel.MTU);
        kernel.putInt(0x55 | CanId.RTR_FLAG).put((byte) 8).put((byte) 0).putShort((short) 0)
                .put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).flip();
        CanFrame ours = JavaCanFrames.fromJavaCan(tel.schich.javacan.CanFrame.create(kernel), 0);
        assertEquals(CanFrame.remote(0x55, false, 8), ours);
        assertEquals(0, ours.data().length);
    }

    @Test
    void errorFramesAreNotDelivered() {
        ByteBuffer kernel = JavaCAN.allocateOrdered(RawCanChannel.MTU);
        kernel.putInt(CanId.ERR_FLAG | 0x40).put((byte) 8).put((byte) 0).putShort((short) 0).put(new byte[8]).flip();
        assertNull(JavaCanFrames.fromJavaCan(tel.schich.javacan.CanFrame.create(kernel), 0));
    }

    @Test
    void aLengthBeyondEightIsRejected() {
        ByteBuffer kernel = JavaCAN.allocateOrdered(RawCanChannel.MTU);
        kernel.putInt(0x10).put((byte) 9).put((byte) 0).putShort((short) 0).put(new byte[8]).flip();
        tel.schich.javacan.CanFrame theirs = tel.schich.javacan.CanFrame.createUnsafe(kernel);
        assertThrows(IllegalArgumentException.class, () -> JavaCanFrames.fromJavaCan(theirs, 0));
    }
}
