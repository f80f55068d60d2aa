package org.bmsw.simulator.battery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;

/**
 * Turns a {@link SimulatorState} into the device API's {@link Telemetry}: what a profile should decode from the
 * wire when it talks to this simulator, so end-to-end tests can compare the two.
 *
 * <p>Both kinds: pack values (measured current, the BMS's SOC), cells with balancing, every probe (unfitted ones
 * NaN / not fitted), flag families {@code ALARM} (leveled, {@link Severity#WARNING}), {@code PROTECT}
 * ({@link Severity#FAULT}) and {@code STATUS} (DSGEN, CHGEN, DSGNG, CHGNG). JDI adds {@code RELAY}, {@code INPUT},
 * {@code FAULT} and the quantities {@code insulation.positive|negative} (kΩ), {@code voltage.keyon|wakeup|vcc} (V),
 * {@code charger.voltage|current}, {@code temperature.chargeport1|2} (°C), {@code sop.charge|discharge} (kW).
 */
public final class TelemetryMapper {

    private TelemetryMapper() {
    }

    public static Telemetry toTelemetry(SimulatorState s, DeviceIdentity identity, Instant time) {
        PackState pack = new PackState(s.socPercent(), s.sohPercent(), s.packVolts(), s.measuredAmps(),
                s.fullChargeCapacityAh(), s.remainingCapacityAh(), s.cycleCount(), s.elapsed().toSeconds(),
                s.chemistry().name(), s.cellCount(), s.chargeSwitchOn(), s.dischargeSwitchOn());
        List<CellVoltage> cells = new ArrayList<>();
        for (CellState c : s.cells()) {
            cells.add(new CellVoltage(c.index(), c.module(), c.volts(), c.balancing()));
        }
        List<Temperature> temps = new ArrayList<>();
        for (ProbeState p : s.probes()) {
            temps.add(new Temperature(p.index(), p.module(), p.label(), p.fitted() ? p.celsius() : Double.NaN, p.fitted()));
        }
        List<FlagGroup> groups = new ArrayList<>();
        List<Flag> alarms = new ArrayList<>();
        for (Alarm a : Alarm.values()) {
            alarms.add(new Flag(a.flagKey(), LocalizedText.of(a.english(), a.chinese()), s.alarmLevel(a), Severity.WARNING));
        }
        groups.add(new FlagGroup(FlagGroup.ALARM, LocalizedText.of("Alarms", "报警标志"), alarms));
        List<Flag> protect = new ArrayList<>();
        for (Protection p : Protection.values()) {
            protect.add(new Flag(p.flagKey(), LocalizedText.of(p.english(), p.chinese()), s.isProtected(p) ? 1 : 0, Severity.FAULT));
        }
        groups.add(new FlagGroup(FlagGroup.PROTECT, LocalizedText.of("Protections", "保护标志"), protect));
        groups.add(new FlagGroup(FlagGroup.STATUS, LocalizedText.of("Status", "状态标志"), List.of(
                flag("DSGEN", "Discharge switch on", "放电开关", s.dischargeSwitchOn()),
                flag("CHGEN", "Charge switch on", "充电开关", s.chargeSwitchOn()),
                flag("DSGNG", "Discharging", "放电中", s.discharging()),
                flag("CHGNG", "Charging", "充电中", s.charging()))));
        List<Quantity> quantities = new ArrayList<>();
        if (s.kind() == DeviceKind.JDI) {
            List<Flag> relays = new ArrayList<>();
            for (Relay r : Relay.values()) {
                relays.add(flag(r.name(), r.english(), r.chinese(), s.relayClosed(r)));
            }
            groups.add(new FlagGroup(FlagGroup.RELAY, LocalizedText.of("Relays", "继电器"), relays));
            List<Flag> inputs = new ArrayList<>();
            for (DigitalInput i : DigitalInput.values()) {
                inputs.add(flag(i.flagKey(), i.english(), i.chinese(), s.inputActive(i)));
            }
            groups.add(new FlagGroup(FlagGroup.INPUT, LocalizedText.of("Inputs", "输入"), inputs));
            List<Flag> faults = new ArrayList<>();
            for (Fault f : Fault.values()) {
                faults.add(new Flag(f.name(), LocalizedText.of(f.english(), f.chinese()), s.faults().contains(f) ? 1 : 0, Severity.FAULT));
            }
            groups.add(new FlagGroup(FlagGroup.FAULT, LocalizedText.of("Faults", "故障"), faults));

            boolean insulationLow = s.faults().contains(Fault.INSULATION_LOW);
            double lowest = Math.min(s.insulationPositiveKOhm(), s.insulationNegativeKOhm());
            quantities.add(q("insulation.positive", "Insulation HV+", "正极绝缘电阻", s.insulationPositiveKOhm(), "kΩ", "insulation",
                    insulationLow && s.insulationPositiveKOhm() == lowest));
            quantities.add(q("insulation.negative", "Insulation HV−", "负极绝缘电阻", s.insulationNegativeKOhm(), "kΩ", "insulation",
                    insulationLow && s.insulationNegativeKOhm() == lowest));
            boolean power = s.faults().contains(Fault.POWER_SUPPLY);
            quantities.add(q("voltage.keyon", "KeyOn voltage", "KeyOn电压", s.keyOnVolts(), "V", "power",
                    s.inputActive(DigitalInput.KEY_ON) && Math.abs(s.vccVolts() - s.keyOnVolts()) > 3));
            quantities.add(q("voltage.wakeup", "Wake-up voltage", "唤醒电压", s.wakeUpVolts(), "V", "power",
                    s.inputActive(DigitalInput.CHARGER_WAKEUP) && Math.abs(s.vccVolts() - s.wakeUpVolts()) > 3));
            quantities.add(q("voltage.vcc", "VCC", "VCC电压", s.vccVolts(), "V", "power", power));
            quantities.add(q("charger.voltage", "Charger output voltage", "充电机输出电压", s.chargerVolts(), "V", "charger", false));
            quantities.add(q("charger.current", "Charger output current", "充电机输出电流", s.chargerAmps(), "A", "charger", false));
            quantities.add(q("temperature.chargeport1", "Charge port 1", "充电口温度1", s.chargePortCelsius().get(0), "°C", "charger", false));
            quantities.add(q("temperature.chargeport2", "Charge port 2", "充电口温度2", s.chargePortCelsius().get(1), "°C", "charger", false));
            quantities.add(q("sop.charge", "Charge power available", "充电功率", s.sopChargeWatts() / 1000, "kW", "state", false));
            quantities.add(q("sop.discharge", "Discharge power available", "放电功率", s.sopDischargeWatts() / 1000, "kW", "state", false));
        }
        return new Telemetry(time, identity, pack, cells, temps, groups, quantities);
    }

    private static Flag flag(String key, String en, String zh, boolean on) {
        return new Flag(key, LocalizedText.of(en, zh), on ? 1 : 0, Severity.NORMAL);
    }

    private static Quantity q(String key, String en, String zh, double value, String unit, String category, boolean flagged) {
        return new Quantity(key, LocalizedText.of(en, zh), value, unit, category, flagged);
    }
}
