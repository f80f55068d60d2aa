package org.bmsw.calibration.internal;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.DeviceException;
import org.bmsw.schema.WriteReport;

/** What a calibration makes of the schema engine's write reports, and its restore after a failed verification. */
final class SchemaWrites {

    private SchemaWrites() {
    }

    /** Null when the values are written and verified (or were already there); else the run's end. */
    static CalibrationResult unlessWritten(Run run, WriteReport report) {
        String failures = report.failures().isEmpty() ? "" : " [" + report.failures().stream().map(Object::toString)
                .collect(Collectors.joining("; ")) + "]";
        String problems = report.validation().problems().isEmpty() ? "" : " [" + report.validation().problems().stream()
                .map(p -> p.message().english()).collect(Collectors.joining("; ")) + "]";
        String english = report.summary().english();
        String chinese = report.summary().text(Locale.CHINESE);
        return switch (report.outcome()) {
            case WRITTEN, UNCHANGED -> null;
            case REFUSED -> run.end(Outcome.REFUSED, english + problems, chinese + problems);
            case ABORTED -> run.end(Outcome.ABORTED, english + failures, chinese + failures);
            case ROLLED_BACK -> run.end(Outcome.ROLLED_BACK, english + failures, chinese + failures);
            case ROLLBACK_FAILED -> run.end(Outcome.FAILED, english + failures, chinese + failures);
            case PERSIST_FAILED -> restore(run, replaced(run, report), "Persisting (Flash) failed: " + english,
                    "固化（Flash）失败：" + chinese);
        };
    }

    /** The values the write replaced, from the run's parameter rows. */
    private static Map<String, Double> replaced(Run run, WriteReport report) {
        Map<String, Double> before = new java.util.LinkedHashMap<>();
        run.parameters().forEach(p -> {
            if (p.before() != null && report.order().contains(p.key())) {
                before.put(p.key(), p.before());
            }
        });
        return before;
    }

    /** The parameters as the device holds them now, into the report rows. */
    static void readBack(Run run, Map<String, Double> before, Map<String, Double> planned) {
        try {
            Parameters.read(run.session, planned.keySet()).forEach((key, value) ->
                    run.parameter(Parameters.change(run.session, key, before.get(key), planned.get(key), value)));
        } catch (DeviceException e) {
            run.stage(Stage.VERIFYING, "Reading the parameters back failed: " + e.getMessage(),
                    "回读参数失败：" + e.getMessage());
        }
    }

    /** Writes the old values back after a failed verification. */
    static CalibrationResult restore(Run run, Map<String, Double> old, String reason, String reasonZh) {
        run.stage(Stage.RESTORING, reason + "; restoring " + String.join(", ", old.keySet()),
                reasonZh + "；恢复 " + String.join(", ", old.keySet()));
        WriteReport report;
        try {
            report = Parameters.write(run.session, old, "", run.request.dataDirectory());
        } catch (DeviceException e) {
            return run.end(Outcome.FAILED, reason + "; restoring failed too (" + e.getMessage() + "): the previous values "
                    + "are in " + run.backup(), reasonZh + "；恢复也失败（" + e.getMessage() + "）：原值见 " + run.backup());
        }
        Map<String, Double> planned = new java.util.LinkedHashMap<>();
        run.parameters().forEach(p -> {
            if (old.containsKey(p.key()) && p.planned() != null) {
                planned.put(p.key(), p.planned());
            }
        });
        try {
            Parameters.read(run.session, old.keySet()).forEach((key, value) ->
                    run.parameter(Parameters.change(run.session, key, old.get(key), planned.get(key), value)));
        } catch (DeviceException e) {
            // the write report below says whether the restore was verified
        }
        if (report.succeeded()) {
            return run.end(Outcome.ROLLED_BACK, reason + "; the previous values were restored and read back",
                    reasonZh + "；已恢复并回读原值");
        }
        return run.end(Outcome.FAILED, reason + "; restoring failed too (" + report.summary().english()
                        + "): the previous values are in " + run.backup(),
                reasonZh + "；恢复也失败（" + report.summary().text(Locale.CHINESE) + "）：原值见 " + run.backup());
    }
}
