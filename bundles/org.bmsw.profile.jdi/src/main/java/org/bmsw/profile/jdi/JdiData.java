package org.bmsw.profile.jdi;

import java.net.URL;

import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.protocol.xcp.XcpCanIds;

/**
 * Where the JDI BI51 data of this bundle lives, for the simulator and tools that serve or read the same files.
 * The register map is picked up by the register profile engine through the bundle header
 * {@code BMSW-Register-Profile}; the CAN profile reads the DBC at run time.
 */
public final class JdiData {

    /** Profile id of the RS485 register profile, and of the parameter schema and parameter files. */
    public static final String PROFILE_ID = "jdi.bi51";
    /** Profile id of the CAN profile (broadcast telemetry, XCP calibration pages). */
    public static final String CAN_PROFILE_ID = "jdi.bi51.can";
    public static final String REGISTER_PROFILE = "/org/bmsw/profile/jdi/jdi-bi51.profile.json";
    public static final String PARAMETERS = "/org/bmsw/profile/jdi/jdi-bi51.parameters.json";
    public static final String DBC = "/org/bmsw/profile/jdi/jdi-bi51.dbc";
    /** XCP on CAN for parameters: commands on 0x7F0, responses on 0x7F1, 11-bit (our assumption). */
    public static final XcpCanIds XCP_IDS = new XcpCanIds(0x7F0, 0x7F1, false, false);
    /** The XCP calibration segment: segment 0, RAM page 0 ("Calibration"), flash page 1 ("Flash"). */
    public static final int CALIBRATION_SEGMENT = 0;
    public static final int RAM_PAGE = 0;
    public static final int FLASH_PAGE = 1;
    /** The above as one layout, as the CAN profile offers it to whoever serves or reads the device. */
    public static final XcpCalibrationLayout XCP_LAYOUT = new XcpCalibrationLayout(XCP_IDS, CALIBRATION_SEGMENT,
            RAM_PAGE, FLASH_PAGE);

    private JdiData() {
    }

    public static URL registerProfile() {
        return resource(REGISTER_PROFILE);
    }

    public static URL parameters() {
        return resource(PARAMETERS);
    }

    public static URL dbc() {
        return resource(DBC);
    }

    private static URL resource(String path) {
        URL url = JdiData.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing from the JDI profile bundle");
        }
        return url;
    }
}
