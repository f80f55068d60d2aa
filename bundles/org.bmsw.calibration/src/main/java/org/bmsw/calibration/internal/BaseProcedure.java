package org.bmsw.calibration.internal;

import java.io.IOException;

import org.bmsw.calibration.CalibrationListener;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every procedure does around its own steps: engineer access before writing, and the meaning of an
 * exception: before the first write nothing changed (aborted, cancelled), after it the procedure has restored
 * already or says it could not.
 */
abstract class BaseProcedure implements CalibrationProcedure {

    private static final Logger LOG = LoggerFactory.getLogger(BaseProcedure.class);

    /** The procedure's own steps; returns the result (built by {@link Run#end}). */
    abstract CalibrationResult execute(Run run) throws DeviceException, InterruptedException, IOException;

    @Override
    public final CalibrationResult run(DeviceSession session, CalibrationRequest request, CalibrationListener listener) {
        Run run = new Run(this, session, request, listener == null ? CalibrationListener.NONE : listener);
        try {
            if (!appliesTo(session)) {
                return run.end(Outcome.REFUSED, title().english() + " does not apply to " + session.identity().describe()
                                + " (profile " + session.identity().profileId() + "): nothing written",
                        title().text(java.util.Locale.CHINESE) + " 不适用于 " + session.identity().describe() + "：未写入");
            }
            if (request.write() && request.unlocked().compareTo(AccessLevel.ENGINEER) < 0) {
                return run.end(Outcome.REFUSED, "Calibration needs engineer access (Engineer mode in the window, "
                                + "--engineer on the command line): nothing written",
                        "校准需要工程权限（窗口中的工程模式，命令行的 --engineer）：未写入");
            }
            run.stage(Stage.CHECKING, "Checking " + session.identity().describe(), "检查 " + session.identity().describe());
            return execute(run);
        } catch (InterruptedException e) {
            // only possible before the first write: afterwards interruptions are deferred
            Thread.currentThread().interrupt();
            return run.end(Outcome.CANCELLED, "Cancelled before anything was written", "已在写入前取消");
        } catch (DeviceException e) {
            if (!run.writing() && Thread.currentThread().isInterrupted()) {
                // an interruption can surface as a failed read
                return run.end(Outcome.CANCELLED, "Cancelled before anything was written", "已在写入前取消");
            }
            if (run.writing()) {
                LOG.error("{} on {}: device failure after writing began", id(), session.identity().describe(), e);
                return run.end(Outcome.FAILED, "The device failed after writing began (" + e.getMessage()
                                + "); check its values against the backup " + run.backup(),
                        "开始写入后设备出错（" + e.getMessage() + "）；请对照备份检查设备参数 " + run.backup());
            }
            return run.end(Outcome.ABORTED, "The device did not answer as expected (" + e.getMessage()
                    + "): nothing written", "设备未正常应答（" + e.getMessage() + "）：未写入");
        } catch (IOException e) {
            // only the backup is written before the device is
            return run.end(run.writing() ? Outcome.FAILED : Outcome.ABORTED, "A file could not be written ("
                    + e.getMessage() + ")" + (run.writing() ? "" : ": nothing written"),
                    "无法写入文件（" + e.getMessage() + "）" + (run.writing() ? "" : "：未写入"));
        } catch (RuntimeException e) {
            LOG.error("{} on {} failed", id(), session.identity().describe(), e);
            return run.end(run.writing() ? Outcome.FAILED : Outcome.ABORTED, "Unexpected error (" + e
                    + (run.writing() ? "); check the device against the backup " + run.backup() : "): nothing written"),
                    "意外错误（" + e + (run.writing() ? "）；请对照备份检查设备 " + run.backup() : "）：未写入"));
        } finally {
            if (run.interruptionDeferred()) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
