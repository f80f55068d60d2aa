package org.bmsw.firmware;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bmsw.device.api.FirmwareUpdateSupport;

/**
 * One flash.
 *
 * @param summary     the validation of the image against this device; refused or unconfirmed images are not flashed
 * @param confirmed   the confirmations the person gave (e.g. {@link Check#DOWNGRADE})
 * @param application the running application, to ask into its bootloader; empty when the device already waits there
 * @param hooks       parameter backup before, restore after
 * @param listener    progress
 * @param options     block size, retries, waits
 */
public record FlashRequest(ValidationSummary summary, Set<Check> confirmed, Optional<FirmwareUpdateSupport> application,
                           FlashHooks hooks, FlashListener listener, FlashOptions options) {

    public FlashRequest {
        Objects.requireNonNull(summary, "summary");
        confirmed = Set.copyOf(confirmed);
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
    }

    /** No hooks, no listener, default options. */
    public static FlashRequest of(ValidationSummary summary, Set<Check> confirmed, Optional<FirmwareUpdateSupport> application) {
        return new FlashRequest(summary, confirmed, application, FlashHooks.NONE, FlashListener.NONE, FlashOptions.defaults());
    }

    public FlashRequest withHooks(FlashHooks newHooks) {
        return new FlashRequest(summary, confirmed, application, newHooks, listener, options);
    }

    public FlashRequest withListener(FlashListener newListener) {
        return new FlashRequest(summary, confirmed, application, hooks, newListener, options);
    }

    public FlashRequest withOptions(FlashOptions newOptions) {
        return new FlashRequest(summary, confirmed, application, hooks, listener, newOptions);
    }
}
