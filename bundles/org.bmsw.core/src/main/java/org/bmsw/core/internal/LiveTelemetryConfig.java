package org.bmsw.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BMS Workbench live telemetry", description = "How often every connected device is polled")
@interface LiveTelemetryConfig {

    String PID = "org.bmsw.core.live";

    @AttributeDefinition(name = "Poll interval (ms)", description = "Time between two snapshots of one device, 100 ms or more", min = "100")
    int intervalMillis() default 1000;
}
