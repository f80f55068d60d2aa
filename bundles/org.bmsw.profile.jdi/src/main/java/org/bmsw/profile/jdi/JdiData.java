package org.bmsw.profile.jdi;

import java.net.URL;

/**
 * Where the JDI BI51 data of this bundle lives, for the simulator and tools that serve or read the same files. The
 * bundle holds no profile code: the register profile engine reads the profile named by the bundle header
 * {@code BMSW-Register-Profile} and makes it two profiles, {@value #PROFILE_ID} (RS485) and {@value #CAN_PROFILE_ID}
 * (its {@code can} section: the DBC, the model signal, the XCP calibration pages).
 */
public final class JdiData {

    /** Profile id of the RS485 register profile, and of the parameter schema and parameter files. */
    public static final String PROFILE_ID = "jdi.bi51";
    /** Profile id of the CAN profile (broadcast telemetry, XCP calibration pages). */
    public static final String CAN_PROFILE_ID = "jdi.bi51.can";
    public static final String REGISTER_PROFILE = "/org/bmsw/profile/jdi/jdi-bi51.profile.json";
    public static final String PARAMETERS = "/org/bmsw/profile/jdi/jdi-bi51.parameters.json";
    public static final String DBC = "/org/bmsw/profile/jdi/jdi-bi51.dbc";

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

    /** A file of this bundle by its name, as the profile names the files beside it; null when there is none. */
    public static URL beside(String name) {
        return JdiData.class.getResource(REGISTER_PROFILE.substring(0, REGISTER_PROFILE.lastIndexOf('/') + 1) + name);
    }

    private static URL resource(String path) {
        URL url = JdiData.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing from the JDI profile bundle");
        }
        return url;
    }
}
