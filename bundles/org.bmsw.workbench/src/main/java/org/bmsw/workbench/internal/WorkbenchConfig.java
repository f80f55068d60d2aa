package org.bmsw.workbench.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The window's remembered state, PID {@code org.bmsw.workbench}. */
@ObjectClassDefinition(name = "BMS Workbench window", description = "Language and window geometry, remembered between runs")
@interface WorkbenchConfig {

    String PID = "org.bmsw.workbench";

    @AttributeDefinition(name = "Language", description = "en or zh", options = {
            @org.osgi.service.metatype.annotations.Option(label = "English", value = "en"),
            @org.osgi.service.metatype.annotations.Option(label = "简体中文", value = "zh")})
    String language() default "en";

    @AttributeDefinition(name = "Window x", description = "Left edge in pixels; -1 lets the desktop place the window")
    int windowX() default -1;

    @AttributeDefinition(name = "Window y")
    int windowY() default -1;

    @AttributeDefinition(name = "Window width")
    int windowWidth() default 1200;

    @AttributeDefinition(name = "Window height")
    int windowHeight() default 800;

    @AttributeDefinition(name = "Maximized")
    boolean maximized() default false;
}
