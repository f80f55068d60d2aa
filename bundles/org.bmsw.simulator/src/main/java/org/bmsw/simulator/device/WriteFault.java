package org.bmsw.simulator.device;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.RegisterBank;

/**
 * A write that goes wrong at a chosen position, for proving that a batch of writes interrupted anywhere leaves the
 * device consistent: the {@code nth} register write the device receives (FC 06 or 16, counting from 1) fails in the
 * given way; every other request is served as usual.
 *
 * @param nth  which write fails, from 1
 * @param kind how it fails
 */
public record WriteFault(int nth, Kind kind) {

    public enum Kind {
        /** Refused with SERVER DEVICE FAILURE before anything changes. */
        REFUSE,
        /** Applied, then answered with SERVER DEVICE FAILURE: the master cannot know it landed. */
        FAIL_AFTER,
        /** Answered as a success, but the device stored a value one count off: only a read-back finds it. */
        MISWRITE
    }

    public WriteFault {
        if (nth < 1) {
            throw new IllegalArgumentException("the failing write is counted from 1, not " + nth);
        }
    }

    /** Reads {@code 12:refuse}, {@code 3:fail-after} or {@code 7:miswrite}. */
    public static WriteFault parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("write fault '" + text + "' needs N:KIND (refuse, fail-after, miswrite)");
        }
        Kind kind = switch (text.substring(colon + 1).trim().toLowerCase(Locale.ROOT)) {
            case "refuse" -> Kind.REFUSE;
            case "fail-after" -> Kind.FAIL_AFTER;
            case "miswrite" -> Kind.MISWRITE;
            default -> throw new IllegalArgumentException("write fault kind '" + text.substring(colon + 1)
                    + "' is not one of refuse, fail-after, miswrite");
        };
        try {
            return new WriteFault(Integer.parseInt(text.substring(0, colon).trim()), kind);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("write fault position '" + text.substring(0, colon) + "' is not a number");
        }
    }

    /** {@code device}'s registers with this fault on its {@link #nth} write. */
    public RegisterBank around(RegisterBank device) {
        AtomicInteger writes = new AtomicInteger();
        return new RegisterBank() {
            @Override
            public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
                return device.readHoldingRegisters(address, count);
            }

            @Override
            public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
                return device.readInputRegisters(address, count);
            }

            @Override
            public void writeRegisters(int address, int[] values) throws ModbusRefusal {
                if (writes.incrementAndGet() != nth) {
                    device.writeRegisters(address, values);
                    return;
                }
                switch (kind) {
                    case REFUSE -> throw new ModbusRefusal(ExceptionCode.SERVER_DEVICE_FAILURE,
                            "simulated fault: write " + nth + " refused");
                    case FAIL_AFTER -> {
                        device.writeRegisters(address, values);
                        throw new ModbusRefusal(ExceptionCode.SERVER_DEVICE_FAILURE,
                                "simulated fault: write " + nth + " applied, then failed");
                    }
                    case MISWRITE -> {
                        int[] off = values.clone();
                        off[off.length - 1] = (off[off.length - 1] + 1) & 0xFFFF;
                        device.writeRegisters(address, off);
                    }
                }
            }
        };
    }
}
