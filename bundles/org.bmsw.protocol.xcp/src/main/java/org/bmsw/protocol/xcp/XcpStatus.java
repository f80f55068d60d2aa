package org.bmsw.protocol.xcp;

/**
 * A GET_STATUS response.
 *
 * @param sessionStatus         SESSION_STATUS bits (STORE_CAL_REQ 0x01, DAQ_RUNNING 0x40, RESUME 0x80, ...)
 * @param protectionStatus      resources that need GET_SEED / UNLOCK first (same bits as {@link ConnectInfo#resources()})
 * @param sessionConfigurationId SESSION_CONFIGURATION_ID
 */
public record XcpStatus(int sessionStatus, int protectionStatus, int sessionConfigurationId) {

    /** Programming needs seed and key first. */
    public boolean programmingLocked() {
        return (protectionStatus & ConnectInfo.PGM) != 0;
    }

    /** Calibration needs seed and key first. */
    public boolean calibrationLocked() {
        return (protectionStatus & ConnectInfo.CAL_PAG) != 0;
    }
}
