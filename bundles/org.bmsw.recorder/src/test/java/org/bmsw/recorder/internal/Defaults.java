package org.bmsw.recorder.internal;

import java.lang.reflect.Proxy;

/** The recorder's settings as ConfigAdmin gives them when nothing is configured: the annotation's defaults. */
final class Defaults {

    private Defaults() {
    }

    static Settings settings() {
        RecorderConfig config = (RecorderConfig) Proxy.newProxyInstance(RecorderConfig.class.getClassLoader(),
                new Class<?>[] {RecorderConfig.class}, (proxy, method, args) -> method.getDefaultValue());
        return Settings.of(config);
    }
}
