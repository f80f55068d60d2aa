package org.bmsw.protocol.xcp;

import org.bmsw.transport.api.CanFrame;

/**
 * The CAN identifiers of one XCP-on-CAN slave.
 *
 * @param requestId  identifier of master-to-slave frames (commands)
 * @param responseId identifier of slave-to-master frames (responses)
 * @param extended   29-bit identifiers
 * @param padToEight send every frame with DLC 8, padding after the packet (some slaves ignore shorter frames);
 *                   otherwise the DLC is the packet length
 */
public record XcpCanIds(int requestId, int responseId, boolean extended, boolean padToEight) {

    /** OpenBLT's defaults: commands on 0x667, responses on 0x7E1, 11-bit, DLC = packet length. */
    public static final XcpCanIds OPENBLT = new XcpCanIds(0x667, 0x7E1, false, false);

    public XcpCanIds {
        int max = extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID;
        if (requestId < 0 || requestId > max || responseId < 0 || responseId > max) {
            throw new IllegalArgumentException(String.format("XCP CAN ids 0x%X / 0x%X out of range for %s frames",
                    requestId, responseId, extended ? "29-bit" : "11-bit"));
        }
        if (requestId == responseId) {
            throw new IllegalArgumentException(String.format("XCP request and response need different CAN ids, both are 0x%X",
                    requestId));
        }
    }

    /** "request 0x667, response 0x7E1". */
    public String describe() {
        String f = extended ? "0x%08X" : "0x%03X";
        return String.format("request " + f + ", response " + f, requestId, responseId);
    }
}
