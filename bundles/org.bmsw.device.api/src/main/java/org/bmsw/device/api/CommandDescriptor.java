package org.bmsw.device.api;

/**
 * A control command.
 *
 * @param key          e.g. {@code CHG_DIS}, {@code RESET}
 * @param label        button text
 * @param description  what it does to the battery, shown when asking for confirmation
 * @param dangerous    cuts power, resets or restores defaults: needs confirmation (UI) or {@code --yes} (CLI)
 */
public record CommandDescriptor(String key, LocalizedText label, LocalizedText description, boolean dangerous) {
}
