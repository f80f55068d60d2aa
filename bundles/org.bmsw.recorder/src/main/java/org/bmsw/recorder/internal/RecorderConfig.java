package org.bmsw.recorder.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BMS Workbench recorder",
        description = "Recording of live telemetry: default interval, retention, and how cycles are told apart")
@interface RecorderConfig {

    String PID = "org.bmsw.recorder";

    @AttributeDefinition(name = "Interval (ms)", description = "Default time between two recorded snapshots of one device; "
            + "0 records every snapshot the live poll delivers", min = "0")
    long intervalMillis() default 1000;

    @AttributeDefinition(name = "Keep for (days)", description = "Snapshots older than this are deleted, whole recordings "
            + "when nothing in them is younger; 0 keeps everything", min = "0")
    int maxAgeDays() default 365;

    @AttributeDefinition(name = "Space (MB)", description = "Most disk space all recordings together may take: the oldest "
            + "finished recordings go first, then the oldest part of a running one; 0 sets no limit", min = "0")
    long maxTotalMegabytes() default 10_240;

    @AttributeDefinition(name = "Retention check (min)", description = "How often the limits are applied (also at start-up "
            + "and after each recording)", min = "1")
    int retentionCheckMinutes() default 10;

    @AttributeDefinition(name = "Rest threshold (A)", description = "A current of this size or less counts as rest", min = "0")
    double restThresholdAmps() default 0.5;

    @AttributeDefinition(name = "Minimum phase (s)", description = "A change of direction shorter than this stays part of "
            + "the phase around it", min = "0")
    int minPhaseSeconds() default 60;

    @AttributeDefinition(name = "Gap (s)", description = "No data for longer than this ends a phase", min = "1")
    int maxGapSeconds() default 300;

    @AttributeDefinition(name = "SOC swing for capacity (%)", description = "A charge or discharge measures capacity only "
            + "when SOC moved at least this much", min = "1", max = "100")
    double minSocSwingPercent() default 50;

    @AttributeDefinition(name = "Nominal capacity (Ah)", description = "Capacity that counts as 100 % health; 0 takes the "
            + "device's own FCC and SOH", min = "0")
    double nominalCapacityAh() default 0;
}
