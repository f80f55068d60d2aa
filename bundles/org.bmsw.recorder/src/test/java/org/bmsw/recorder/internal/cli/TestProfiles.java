package org.bmsw.recorder.internal.cli;

import org.bmsw.profile.modbus.RegisterDeviceProfile;

/** The shipped Smart BMS V4.0 register profile, for tests in other packages. */
public final class TestProfiles {

    private TestProfiles() {
    }

    public static RegisterDeviceProfile smartBms() throws Exception {
        return SmartBmsOnPty.profile();
    }
}
