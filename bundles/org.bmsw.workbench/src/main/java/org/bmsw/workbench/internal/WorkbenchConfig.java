package org.bmsw.workbench.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The window's remembered state, PID {@code org.bmsw.workbench}. */
@ObjectClassDefinition(name = "BMS Workbench window",
        description = "Language, window geometry and the last connection, remembered between runs")
@interface WorkbenchConfig {

    String PID = "org.bmsw.workbench";

    @AttributeDefinition(name = "Language", description = "en or zh", options = {
            @Option(label = "English", value = "en"),
            @Option(label = "简体中文", value = "zh")})
    String language() default "en";

    @AttributeDefinition(name = "Window x", description = "Left edge in pixels; -1 lets the desktop place the window")
    int windowX() default -1;

    @AttributeDefinition(name = "Window y")
    int windowY() default -1;

    @AttributeDefinition(name = "Window width")
    int windowWidth() default 1280;

    @AttributeDefinition(name = "Window height")
    int windowHeight() default 860;

    @AttributeDefinition(name = "Maximized")
    boolean maximized() default false;

    @AttributeDefinition(name = "Page", description = "Id of the page shown last (overview, records ...); shown again at start")
    String page() default "";

    @AttributeDefinition(name = "Port", description = "Last port connected to, as transport:path (serial:/dev/ttyUSB0, tcp:10.0.0.7:4001, sim:smartbms)")
    String port() default "";

    @AttributeDefinition(name = "Baud", description = "Last baud rate")
    int baud() default 9600;

    @AttributeDefinition(name = "Address", description = "Last device address (1..247)")
    int address() default 1;

    @AttributeDefinition(name = "Profile", description = "Profile id to use, empty to recognise the device")
    String profile() default "";

    @AttributeDefinition(name = "Connect at start",
            description = "Connect to the last port (or, failing that, the default port) as soon as the program starts")
    boolean autoConnect() default false;

    @AttributeDefinition(name = "Default port",
            description = "Port to connect to at start when there is no last port or it cannot be opened; a simulator "
                    + "port (sim:...) only when there is no last port")
    String defaultPort() default "";
}
