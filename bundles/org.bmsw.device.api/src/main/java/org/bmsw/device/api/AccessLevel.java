package org.bmsw.device.api;

/** Who may change a parameter; ordered from least to most privileged. */
public enum AccessLevel {
    /** Anyone. */
    USER,
    /** Unlocked explicitly in the UI or with {@code --engineer} in the CLI. */
    ENGINEER,
    /** Manufacturing only: shown, never written by this tool. */
    FACTORY
}
