package org.bmsw.calibration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.bmsw.device.api.DeviceSession;

/**
 * The procedures present, and the reports they left: what the Calibration page and {@code bmsw calibrate} use.
 * Thread-safe.
 */
public interface CalibrationService {

    /** Every procedure present, in their order. */
    List<CalibrationProcedure> procedures();

    /** The procedures that apply to this session, in their order. */
    List<CalibrationProcedure> proceduresFor(DeviceSession session);

    Optional<CalibrationProcedure> procedure(String id);

    /**
     * Runs the procedure and, when it wrote (or may have written) to the device, saves its report in
     * {@link #reportDirectory}: the returned result names the files. Blocks like
     * {@link CalibrationProcedure#run}.
     */
    CalibrationResult run(CalibrationProcedure procedure, DeviceSession session, CalibrationRequest request,
                          CalibrationListener listener);

    /** {@code <dataDirectory>/calibration}. */
    Path reportDirectory(Path dataDirectory);

    /** The saved reports, newest first; a file that cannot be read is listed with the reason. */
    List<ReportEntry> reports(Path dataDirectory);
}
