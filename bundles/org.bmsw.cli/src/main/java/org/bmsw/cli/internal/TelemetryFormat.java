package org.bmsw.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.transport.api.LinkStatistics;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One telemetry snapshot as text for people, as JSON, or as a CSV row. */
final class TelemetryFormat {

    private TelemetryFormat() {
    }

    static String text(Telemetry t, LinkStatistics.Snapshot link, Locale locale) {
        boolean zh = locale.getLanguage().equals("zh");
        PackState p = t.pack();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s  %s %d  %s %s%n", t.identity().profileId(), t.identity().model(),
                zh ? "地址" : "address", t.identity().address(), zh ? "固件" : "firmware", t.identity().firmwareVersion()));
        b.append(String.format(Locale.ROOT, "SOC %.1f %%  %s %.2f V  %s %+.1f A (%s)  %s %.0f W%n", p.socPercent(),
                zh ? "电压" : "voltage", p.voltage(), zh ? "电流" : "current", p.current(),
                direction(p.direction(0.2), zh), zh ? "功率" : "power", p.power()));
        b.append(String.format(Locale.ROOT, "FCC %.1f Ah  RC %.1f Ah  %s %s  %s %s  %s %s  %s %d%n",
                p.fullChargeCapacity(), p.remainingCapacity(), zh ? "循环" : "cycles", count(p.cycleCount()),
                zh ? "运行" : "run time", duration(p.runTimeSeconds()), zh ? "类型" : "type", p.chemistry(),
                zh ? "串数" : "cells", p.cellCount()));
        b.append(String.format(Locale.ROOT, "%s %s  %s %s%n", zh ? "充电" : "charge",
                onOff(p.chargeEnabled(), zh), zh ? "放电" : "discharge", onOff(p.dischargeEnabled(), zh)));
        t.maxCell().ifPresent(max -> t.minCell().ifPresent(min -> b.append(String.format(Locale.ROOT,
                "Vmax %.3f V (#%d)  Vmin %.3f V (#%d)  %s %.0f mV%n", max.volts(), max.index(), min.volts(), min.index(),
                zh ? "压差" : "spread", t.cellSpread() * 1000))));
        t.maxTemperature().ifPresent(max -> t.minTemperature().ifPresent(min -> b.append(String.format(Locale.ROOT,
                "Tmax %.1f °C (%s)  Tmin %.1f °C (%s)%n", max.celsius(), max.label(), min.celsius(), min.label()))));
        b.append(zh ? "单体电压 (V):" : "Cells (V):").append(System.lineSeparator());
        List<CellVoltage> cells = t.cells();
        for (int i = 0; i < cells.size(); i += 8) {
            StringBuilder line = new StringBuilder("  ");
            for (CellVoltage c : cells.subList(i, Math.min(cells.size(), i + 8))) {
                line.append(String.format(Locale.ROOT, "%3d:%.3f%s ", c.index(), c.volts(), c.balancing() ? "*" : " "));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        b.append(zh ? "温度:" : "Temperatures:");
        for (Temperature temp : t.temperatures()) {
            b.append(String.format(Locale.ROOT, "  %s %s", temp.label(), temp.fitted()
                    ? String.format(Locale.ROOT, "%.1f °C", temp.celsius()) : zh ? "未安装" : "not fitted"));
        }
        b.append(System.lineSeparator());
        for (FlagGroup group : t.flags()) {
            List<String> active = new ArrayList<>();
            for (Flag f : group.active()) {
                active.add(f.label().text(locale) + (f.level() > 1 || group.key().equals(FlagGroup.ALARM)
                        ? " L" + f.level() : ""));
            }
            b.append(String.format("%-8s %s%n", group.key(), active.isEmpty() ? "-" : String.join(", ", active)));
        }
        for (Quantity q : t.quantities()) {
            b.append(String.format(Locale.ROOT, "%s: %.2f %s%s%n", q.label().text(locale), q.value(), q.unit(),
                    q.flagged() ? (zh ? "  (异常)" : "  (out of range)") : ""));
        }
        if (link != null) {
            b.append(String.format(Locale.ROOT, "%s %d  %s %d%n", zh ? "成功帧" : "frames ok", link.framesReceived(),
                    zh ? "错误" : "errors", link.errorCount()));
        }
        return b.toString();
    }

    private static String direction(PackState.Direction d, boolean zh) {
        return switch (d) {
            case CHARGING -> zh ? "充电" : "charging";
            case DISCHARGING -> zh ? "放电" : "discharging";
            case REST -> zh ? "静置" : "rest";
        };
    }

    private static String onOff(boolean on, boolean zh) {
        return on ? (zh ? "开" : "on") : (zh ? "关" : "off");
    }

    private static String count(long n) {
        return n < 0 ? "?" : Long.toString(n);
    }

    private static String duration(long seconds) {
        return seconds < 0 ? "?" : String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60);
    }

    static ObjectNode json(Telemetry t, LinkStatistics.Snapshot link, Locale locale) {
        ObjectNode root = Json.object();
        root.put("time", t.time().toString());
        ObjectNode device = root.putObject("device");
        device.put("profile", t.identity().profileId());
        device.put("model", t.identity().model());
        device.put("firmware", t.identity().firmwareVersion());
        device.put("serialNumber", t.identity().serialNumber());
        device.put("address", t.identity().address());
        PackState p = t.pack();
        ObjectNode pack = root.putObject("pack");
        Json.put(pack, "soc", p.socPercent());
        Json.put(pack, "soh", p.sohPercent());
        Json.put(pack, "voltage", p.voltage());
        Json.put(pack, "current", p.current());
        Json.put(pack, "power", p.power());
        Json.put(pack, "fullChargeCapacity", p.fullChargeCapacity());
        Json.put(pack, "remainingCapacity", p.remainingCapacity());
        pack.put("cycleCount", p.cycleCount());
        pack.put("runTimeSeconds", p.runTimeSeconds());
        pack.put("chemistry", p.chemistry());
        pack.put("cellCount", p.cellCount());
        pack.put("chargeEnabled", p.chargeEnabled());
        pack.put("dischargeEnabled", p.dischargeEnabled());
        Json.put(pack, "cellSpread", t.cellSpread());
        var cells = root.putArray("cells");
        for (CellVoltage c : t.cells()) {
            ObjectNode cell = cells.addObject().put("index", c.index()).put("module", c.module());
            Json.put(cell, "volts", c.volts());
            cell.put("balancing", c.balancing());
        }
        var temps = root.putArray("temperatures");
        for (Temperature temp : t.temperatures()) {
            ObjectNode node = temps.addObject().put("index", temp.index()).put("module", temp.module())
                    .put("label", temp.label()).put("fitted", temp.fitted());
            if (temp.fitted()) {
                Json.put(node, "celsius", temp.celsius());
            } else {
                node.putNull("celsius");
            }
        }
        ObjectNode flags = root.putObject("flags");
        for (FlagGroup group : t.flags()) {
            var active = flags.putArray(group.key());
            for (Flag f : group.active()) {
                active.addObject().put("key", f.key()).put("label", f.label().text(locale)).put("level", f.level())
                        .put("severity", f.severity().name());
            }
        }
        root.put("severity", t.severity().name());
        var quantities = root.putArray("quantities");
        for (Quantity q : t.quantities()) {
            ObjectNode node = quantities.addObject().put("key", q.key()).put("label", q.label().text(locale));
            Json.put(node, "value", q.value());
            node.put("unit", q.unit()).put("flagged", q.flagged());
        }
        if (link != null) {
            root.putObject("link").put("framesReceived", link.framesReceived()).put("framesSent", link.framesSent())
                    .put("errors", link.errorCount());
        }
        return root;
    }

    static String csvHeader(Telemetry t) {
        List<String> columns = new ArrayList<>(List.of("time", "address", "soc_pct", "voltage_v", "current_a",
                "fcc_ah", "rc_ah", "cycles", "charge_on", "discharge_on", "severity"));
        t.cells().forEach(c -> columns.add("cell" + c.index() + "_v"));
        t.temperatures().forEach(temp -> columns.add("t" + temp.index() + "_c"));
        t.flags().forEach(g -> columns.add(g.key().toLowerCase(Locale.ROOT)));
        return String.join(",", columns);
    }

    static String csvRow(Telemetry t) {
        PackState p = t.pack();
        List<String> values = new ArrayList<>(List.of(t.time().toString(), Integer.toString(t.identity().address()),
                num(p.socPercent()), num(p.voltage()), num(p.current()), num(p.fullChargeCapacity()),
                num(p.remainingCapacity()), Long.toString(p.cycleCount()), p.chargeEnabled() ? "1" : "0",
                p.dischargeEnabled() ? "1" : "0", t.severity().name()));
        t.cells().forEach(c -> values.add(num(c.volts())));
        t.temperatures().forEach(temp -> values.add(temp.fitted() ? num(temp.celsius()) : ""));
        t.flags().forEach(g -> values.add(String.join(" ", g.active().stream().map(Flag::key).toList())));
        return String.join(",", values);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "") : "";
    }
}
