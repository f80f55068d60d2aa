package org.bmsw.launcher;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * What the system bundle exports besides the JDK: SLF4J, at the version on the launcher's class
 * path, so every bundle logs through the launcher's one configuration. The running program, the
 * build's resolve check and the integration tests all use this list.
 */
public final class SystemPackages {

    private SystemPackages() {
    }

    public static List<String> extra() {
        String version = LoggerFactory.class.getPackage().getImplementationVersion();
        String v = version == null ? "2.0.0" : version;
        return List.of("org.slf4j;version=" + v, "org.slf4j.spi;version=" + v, "org.slf4j.event;version=" + v,
                "org.slf4j.helpers;version=" + v);
    }
}
