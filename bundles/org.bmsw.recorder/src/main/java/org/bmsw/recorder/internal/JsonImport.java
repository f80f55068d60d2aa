package org.bmsw.recorder.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.internal.DeviceLayout.CellSlot;
import org.bmsw.recorder.internal.DeviceLayout.FlagSlot;
import org.bmsw.recorder.internal.DeviceLayout.GroupSlot;
import org.bmsw.recorder.internal.DeviceLayout.ProbeSlot;
import org.bmsw.recorder.internal.DeviceLayout.QuantitySlot;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a JSON export ({@link JsonExport}) into a {@link SampleStore}, checking every field against the
 * declared devices and layouts. The first problem ends the import with its line, column and field; the caller
 * writes into a file nobody sees until the import succeeded.
 */
final class JsonImport {

    /** What the header said; the samples went to the store. */
    record Header(String name, Instant started, Instant ended, long intervalMillis, String source, long samples, Instant lastSample) {
    }

    private final String file;
    private final Map<String, DeviceIdentity> devices = new HashMap<>();
    private final Map<Long, DeviceLayout> layouts = new HashMap<>();
    private final Map<Long, String> layoutDevice = new HashMap<>();
    private final Map<Long, Map<String, Integer>> flagIndexes = new HashMap<>();

    JsonImport(String file) {
        this.file = file;
    }

    Header read(InputStream in, SampleStore store) throws RecorderException {
        try (JsonInput json = new JsonInput(LayoutJson.FACTORY.createParser(in), file)) {
            json.expect(JsonToken.START_OBJECT, "", "a JSON object (a BMS Workbench recording)");
            String first = json.nextField("");
            if (!"format".equals(first)) {
                throw json.error(first == null ? "" : first, "the first field must be \"format\": \"" + RecordingDb.FORMAT + "\"");
            }
            String format = json.string("format");
            if (!RecordingDb.FORMAT.equals(format)) {
                throw json.error("format", "expected \"" + RecordingDb.FORMAT + "\", found \"" + format + "\"");
            }
            String name = null;
            Instant started = null;
            Instant ended = null;
            Long interval = null;
            String source = "";
            long samples = 0;
            Instant last = null;
            boolean sawDevices = false;
            boolean sawLayouts = false;
            boolean sawSamples = false;
            for (String f = json.nextField(""); f != null; f = json.nextField("")) {
                switch (f) {
                    case "name" -> name = json.string(f);
                    case "started" -> started = instant(json, json.string(f), f);
                    case "ended" -> {
                        String s = json.optionalString(f);
                        ended = s.isEmpty() ? null : instant(json, s, f);
                    }
                    case "intervalMillis" -> interval = json.integer(f);
                    case "source" -> source = json.optionalString(f);
                    case "devices" -> {
                        readDevices(json);
                        sawDevices = true;
                    }
                    case "layouts" -> {
                        if (!sawDevices) {
                            throw json.error(f, "\"devices\" must come before \"layouts\"");
                        }
                        readLayouts(json);
                        sawLayouts = true;
                    }
                    case "samples" -> {
                        if (!sawLayouts) {
                            throw json.error(f, "\"devices\" and \"layouts\" must come before \"samples\"");
                        }
                        json.expect(JsonToken.START_ARRAY, f, "an array of samples");
                        while (json.next(f) != JsonToken.END_ARRAY) {
                            String at = "samples[" + samples + "]";
                            if (json.current() != JsonToken.START_OBJECT) {
                                throw json.error(at, "expected a sample object, found " + json.describe());
                            }
                            Sample s = readSample(json, at);
                            try {
                                store.append(s.device, s.telemetry);
                            } catch (SQLException e) {
                                throw new RecorderException("Cannot store " + at + " of " + file + ": " + e.getMessage(), e);
                            }
                            samples++;
                            if (last == null || s.telemetry.time().isAfter(last)) {
                                last = s.telemetry.time();
                            }
                        }
                        sawSamples = true;
                    }
                    // derived when exported with analysis; recomputed from the samples here
                    case "cycles", "events" -> json.skipValue(f);
                    default -> throw json.error(f, "unknown field '" + f + "' in a recording");
                }
            }
            json.expectEnd();
            LayoutJson.require(json, "", "name", name);
            LayoutJson.require(json, "", "started", started);
            LayoutJson.require(json, "", "intervalMillis", interval);
            if (!sawSamples) {
                throw json.error("", "the field 'samples' is missing");
            }
            return new Header(name, started, ended, interval, source, samples, last);
        } catch (IOException e) {
            throw new RecordingFormatException(file, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static Instant instant(JsonInput json, String text, String field) throws RecordingFormatException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw json.error(field, "expected an ISO-8601 UTC time such as 2024-03-26T16:46:21Z, found \"" + text + "\"");
        }
    }

    private void readDevices(JsonInput json) throws RecordingFormatException {
        json.expect(JsonToken.START_ARRAY, "devices", "an array of devices");
        int i = 0;
        while (json.next("devices") != JsonToken.END_ARRAY) {
            String at = "devices[" + i++ + "]";
            if (json.current() != JsonToken.START_OBJECT) {
                throw json.error(at, "expected a device object, found " + json.describe());
            }
            String key = null, profile = null, model = null, firmware = "", hardware = "", serial = "";
            Integer address = null;
            boolean bootloader = false;
            for (String f = json.nextField(at); f != null; f = json.nextField(at)) {
                String fat = at + "." + f;
                switch (f) {
                    case "key" -> key = json.string(fat);
                    case "profile" -> profile = json.string(fat);
                    case "model" -> model = json.string(fat);
                    case "firmware" -> firmware = json.optionalString(fat);
                    case "hardware" -> hardware = json.optionalString(fat);
                    case "serial" -> serial = json.optionalString(fat);
                    case "address" -> address = json.integer(fat, 0, 65_535);
                    case "bootloader" -> bootloader = json.bool(fat);
                    default -> throw json.error(fat, "unknown field '" + f + "' in a device");
                }
            }
            LayoutJson.require(json, at, "key", key);
            LayoutJson.require(json, at, "profile", profile);
            LayoutJson.require(json, at, "model", model);
            LayoutJson.require(json, at, "address", address);
            if (devices.containsKey(key)) {
                throw json.error(at + ".key", "the device '" + key + "' is listed twice");
            }
            devices.put(key, new DeviceIdentity(profile, model, firmware, hardware, serial, address, bootloader));
        }
    }

    private void readLayouts(JsonInput json) throws RecordingFormatException {
        json.expect(JsonToken.START_ARRAY, "layouts", "an array of layouts");
        int i = 0;
        while (json.next("layouts") != JsonToken.END_ARRAY) {
            String at = "layouts[" + i++ + "]";
            if (json.current() != JsonToken.START_OBJECT) {
                throw json.error(at, "expected a layout object, found " + json.describe());
            }
            long[] id = {-1};
            String[] device = {null};
            DeviceLayout layout = LayoutJson.readFields(json, at, (name, path) -> {
                switch (name) {
                    case "id" -> id[0] = json.integer(path);
                    case "device" -> {
                        device[0] = json.string(path);
                        if (!devices.containsKey(device[0])) {
                            throw json.error(path, "no device '" + device[0] + "' in \"devices\"");
                        }
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            });
            if (id[0] < 0) {
                throw json.error(at, "the field 'id' is missing (a whole number ≥ 0)");
            }
            LayoutJson.require(json, at, "device", device[0]);
            if (layouts.containsKey(id[0])) {
                throw json.error(at + ".id", "the layout id " + id[0] + " is used twice");
            }
            layouts.put(id[0], layout);
            layoutDevice.put(id[0], device[0]);
            Map<String, Integer> flags = new HashMap<>();
            for (int k = 0; k < layout.flagCount(); k++) {
                flags.put(layout.flag(k).key(), k);
            }
            flagIndexes.put(id[0], flags);
        }
    }

    private record Sample(String device, Telemetry telemetry) {
    }

    private Sample readSample(JsonInput json, String at) throws RecordingFormatException {
        Instant time = null;
        String device = null;
        Long layoutId = null;
        double soc = Double.NaN, soh = Double.NaN, voltage = Double.NaN, current = Double.NaN, fcc = Double.NaN, rc = Double.NaN;
        Long cycles = null, runTime = null;
        Boolean charge = null, discharge = null;
        double[] cells = null;
        Set<Integer> balancing = null;
        double[] temps = null;
        Map<Integer, Integer> flags = null;
        double[] quantities = null;
        Set<String> flagged = null;
        Set<String> seen = new HashSet<>();
        for (String f = json.nextField(at); f != null; f = json.nextField(at)) {
            String fat = at + "." + f;
            if (!seen.add(f)) {
                throw json.error(fat, "the field '" + f + "' appears twice");
            }
            switch (f) {
                case "time" -> time = instant(json, json.string(fat), fat);
                case "device" -> {
                    device = json.string(fat);
                    if (!devices.containsKey(device)) {
                        throw json.error(fat, "no device '" + device + "' in \"devices\"");
                    }
                }
                case "layout" -> {
                    layoutId = json.integer(fat);
                    if (!layouts.containsKey(layoutId)) {
                        throw json.error(fat, "no layout " + layoutId + " in \"layouts\"");
                    }
                }
                case "soc" -> soc = json.number(fat);
                case "soh" -> soh = json.number(fat);
                case "voltage" -> voltage = json.number(fat);
                case "current" -> current = json.number(fat);
                case "fcc" -> fcc = json.number(fat);
                case "rc" -> rc = json.number(fat);
                case "cycles" -> cycles = json.integer(fat);
                case "runTime" -> runTime = json.integer(fat);
                case "chargeEnabled" -> charge = json.bool(fat);
                case "dischargeEnabled" -> discharge = json.bool(fat);
                case "cells" -> cells = numbers(json, fat);
                case "balancing" -> {
                    balancing = new HashSet<>();
                    json.expect(JsonToken.START_ARRAY, fat, "an array of cell indexes");
                    while (json.next(fat) != JsonToken.END_ARRAY) {
                        if (json.current() != JsonToken.VALUE_NUMBER_INT) {
                            throw json.error(fat + "[" + balancing.size() + "]", "expected a cell index, found " + json.describe());
                        }
                        balancing.add(Integer.parseInt(json.text(fat)));
                    }
                }
                case "temperatures" -> temps = numbers(json, fat);
                case "flags" -> {
                    if (layoutId == null) {
                        throw json.error(fat, "\"layout\" must come before \"flags\"");
                    }
                    flags = new HashMap<>();
                    Map<String, Integer> index = flagIndexes.get(layoutId);
                    json.expect(JsonToken.START_OBJECT, fat, "an object of active flags {\"GROUP.KEY\": level}");
                    for (String key = json.nextField(fat); key != null; key = json.nextField(fat)) {
                        Integer flat = index.get(key);
                        if (flat == null) {
                            throw json.error(fat + "." + key, "layout " + layoutId + " has no flag '" + key + "'");
                        }
                        flags.put(flat, json.integer(fat + "." + key, -128, 127));
                    }
                }
                case "quantities" -> quantities = numbers(json, fat);
                case "flaggedQuantities" -> {
                    flagged = new HashSet<>();
                    json.expect(JsonToken.START_ARRAY, fat, "an array of quantity keys");
                    while (json.next(fat) != JsonToken.END_ARRAY) {
                        if (json.current() != JsonToken.VALUE_STRING) {
                            throw json.error(fat, "expected a quantity key, found " + json.describe());
                        }
                        flagged.add(json.text(fat));
                    }
                }
                default -> throw json.error(fat, "unknown field '" + f + "' in a sample");
            }
        }
        for (String required : List.of("time", "device", "layout", "soc", "soh", "voltage", "current", "fcc", "rc", "cycles",
                "runTime", "chargeEnabled", "dischargeEnabled", "cells", "balancing", "temperatures", "flags", "quantities",
                "flaggedQuantities")) {
            if (!seen.contains(required)) {
                throw json.error(at, "the field '" + required + "' is missing");
            }
        }
        DeviceLayout layout = layouts.get(layoutId);
        if (!layoutDevice.get(layoutId).equals(device)) {
            throw json.error(at + ".layout", "layout " + layoutId + " belongs to '" + layoutDevice.get(layoutId) + "', not '" + device + "'");
        }
        expectLength(json, at + ".cells", cells.length, layout.cells().size(), "cells");
        expectLength(json, at + ".temperatures", temps.length, layout.probes().size(), "temperature probes");
        expectLength(json, at + ".quantities", quantities.length, layout.quantities().size(), "quantities");
        List<CellVoltage> cellList = new ArrayList<>(cells.length);
        Set<Integer> cellIndexes = new HashSet<>();
        for (int i = 0; i < cells.length; i++) {
            CellSlot s = layout.cells().get(i);
            cellIndexes.add(s.index());
            cellList.add(new CellVoltage(s.index(), s.module(), cells[i], balancing.contains(s.index())));
        }
        for (int b : balancing) {
            if (!cellIndexes.contains(b)) {
                throw json.error(at + ".balancing", "layout " + layoutId + " has no cell " + b);
            }
        }
        List<Temperature> tempList = new ArrayList<>(temps.length);
        for (int i = 0; i < temps.length; i++) {
            ProbeSlot s = layout.probes().get(i);
            tempList.add(new Temperature(s.index(), s.module(), s.label(), temps[i], !Double.isNaN(temps[i])));
        }
        List<FlagGroup> groups = new ArrayList<>();
        int flat = 0;
        for (GroupSlot g : layout.groups()) {
            List<Flag> list = new ArrayList<>();
            for (FlagSlot fs : g.flags()) {
                list.add(new Flag(fs.key(), fs.label(), flags.getOrDefault(flat++, 0), fs.severity()));
            }
            groups.add(new FlagGroup(g.key(), g.label(), list));
        }
        Set<String> quantityKeys = new HashSet<>();
        List<Quantity> quantityList = new ArrayList<>(quantities.length);
        for (int i = 0; i < quantities.length; i++) {
            QuantitySlot s = layout.quantities().get(i);
            quantityKeys.add(s.key());
            quantityList.add(new Quantity(s.key(), s.label(), quantities[i], s.unit(), s.category(), flagged.contains(s.key())));
        }
        for (String key : flagged) {
            if (!quantityKeys.contains(key)) {
                throw json.error(at + ".flaggedQuantities", "layout " + layoutId + " has no quantity '" + key + "'");
            }
        }
        PackState pack = new PackState(soc, soh, voltage, current, fcc, rc, cycles, runTime, layout.chemistry(),
                layout.cellCount(), charge, discharge);
        return new Sample(device, new Telemetry(time, devices.get(device), pack, cellList, tempList, groups, quantityList));
    }

    private static void expectLength(JsonInput json, String field, int found, int expected, String what) throws RecordingFormatException {
        if (found != expected) {
            throw json.error(field, "the layout has " + expected + " " + what + ", the sample " + found);
        }
    }

    private static double[] numbers(JsonInput json, String field) throws RecordingFormatException {
        json.expect(JsonToken.START_ARRAY, field, "an array of numbers");
        double[] values = new double[16];
        int n = 0;
        for (JsonToken t = json.next(field); t != JsonToken.END_ARRAY; t = json.next(field)) {
            if (n == values.length) {
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            values[n] = json.numberAt(t, field + "[" + n + "]");
            n++;
        }
        return java.util.Arrays.copyOf(values, n);
    }
}
