package org.bmsw.protocol.xcp;

/**
 * Where a device keeps its parameters for XCP calibration: its CAN identifiers and the calibration segment whose
 * RAM page the device works with ("Calibration") and whose flash page survives a restart ("Flash"). A CAN profile
 * offers it, so that a tool serving or reading the device uses the same layout.
 *
 * @param ids       XCP-on-CAN identifiers
 * @param segment   the calibration segment
 * @param ramPage   page written by "Calibration"
 * @param flashPage page that "Flash" copies the RAM page to
 */
public record XcpCalibrationLayout(XcpCanIds ids, int segment, int ramPage, int flashPage) {

    public XcpCalibrationLayout {
        if (ids == null) {
            throw new IllegalArgumentException("an XCP calibration layout needs its CAN ids");
        }
        if (segment < 0 || segment > 255 || ramPage < 0 || ramPage > 255 || flashPage < 0 || flashPage > 255
                || ramPage == flashPage) {
            throw new IllegalArgumentException("segment and pages are 0..255 and the RAM and flash pages differ: segment "
                    + segment + ", RAM page " + ramPage + ", flash page " + flashPage);
        }
    }
}
