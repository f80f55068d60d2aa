package org.bmsw.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of checking an image against a device, before anything is erased.
 *
 * @param firmware             what was checked
 * @param target               against which device
 * @param refusals             problems no confirmation overrides: the image must not be flashed
 * @param confirmationsNeeded  risks a person must confirm by their {@link Check} (e.g. a downgrade)
 * @param passed               the checks that passed, in words
 */
public record ValidationSummary(Firmware firmware, TargetDevice target, List<Finding> refusals,
                                List<Finding> confirmationsNeeded, List<String> passed) {

    public ValidationSummary {
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(target, "target");
        refusals = List.copyOf(refusals);
        confirmationsNeeded = List.copyOf(confirmationsNeeded);
        passed = List.copyOf(passed);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** No refusal, and every needed confirmation is among {@code confirmed}. */
    public boolean approvedWith(Set<Check> confirmed) {
        return refusals.isEmpty() && confirmationsNeeded.stream().allMatch(f -> confirmed.contains(f.check()));
    }

    /** What stands between this image and the device, given the confirmations: empty when it may be flashed. */
    public List<Finding> obstacles(Set<Check> confirmed) {
        List<Finding> obstacles = new ArrayList<>(refusals);
        confirmationsNeeded.stream().filter(f -> !confirmed.contains(f.check())).forEach(obstacles::add);
        return obstacles;
    }

    /** Several lines for a terminal or a dialog. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(firmware.source()).append(": ").append(firmware.image().describe()).append('\n');
        out.append("device: ").append(target.describe()).append('\n');
        passed.forEach(p -> out.append("  ok       ").append(p).append('\n'));
        confirmationsNeeded.forEach(f -> out.append("  CONFIRM  ").append(f).append('\n'));
        refusals.forEach(f -> out.append("  REFUSED  ").append(f).append('\n'));
        return out.toString();
    }
}
