package org.bmsw.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.internal.ParameterFileCodec;

/**
 * Parameter files: JSON, UTF-8, values in engineering units with their unit, grouped as the schema groups
 * them, one line per value so people can read and edit them:
 *
 * <pre>
 * {
 *   "format": "bmsw-parameters",
 *   "formatVersion": 1,
 *   "profile": "smartbms.v4",
 *   "model": "SMARTBMS-V4",
 *   "firmware": "35-7-3",
 *   "device": {"address": 1, "serial": ""},
 *   "time": "2024-03-26T16:46:21+08:00",
 *   "groups": ["PROTECT"],
 *   "values": {
 *     "PROTECT": {
 *       "COV": {"value": 4200, "unit": "mV", "label": "Cell over-voltage / 单体过压"},
 *       ...
 *     }
 *   }
 * }
 * </pre>
 *
 * <p>On import, {@code label} is ignored (it is there for people); a file may hold any subset of the
 * parameters. Reading never throws: every problem (encoding, JSON syntax, duplicate keys, truncation,
 * unknown fields and keys, wrong units, out-of-range values, another profile or format version) is reported
 * with file, key, line and column, and a file with any error yields no values at all.
 */
public final class ParameterFiles {

    /** The {@code format} every parameter file names. */
    public static final String FORMAT = ParameterFileCodec.FORMAT;

    /** The file format version this engine writes and reads. */
    public static final int FORMAT_VERSION = ParameterFileCodec.FORMAT_VERSION;

    /** Larger files are refused before they are read: a complete export is about 15 kB. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    private ParameterFiles() {
    }

    /**
     * A file of the device's values.
     *
     * @param device the device the values come from; null when they come from no device
     * @param values engineering values; keys outside the chosen groups or the schema are left out
     * @param groups the groups to export; empty (or null) for all
     * @param time   when the values were read
     * @throws IllegalArgumentException when a group is unknown or the device is of another profile
     */
    public static ParameterFile export(ParameterSchema schema, DeviceIdentity device, Map<String, Double> values,
                                       Collection<String> groups, OffsetDateTime time) {
        if (device != null && !device.profileId().equals(schema.profileId())) {
            throw new IllegalArgumentException("the device is of profile " + device.profileId() + ", the schema of "
                    + schema.profileId());
        }
        List<String> chosen = new ArrayList<>();
        for (ParameterGroup g : schema.groups()) {
            if (groups == null || groups.isEmpty() || groups.contains(g.key())) {
                chosen.add(g.key());
            }
        }
        if (groups != null) {
            for (String g : groups) {
                if (schema.group(g).isEmpty()) {
                    throw new IllegalArgumentException("unknown group " + g + "; the schema's groups are "
                            + schema.groups().stream().map(ParameterGroup::key).toList());
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (ParameterDef d : schema.parameters()) {
            Double v = values.get(d.key());
            if (v != null && chosen.contains(d.group())) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(d.key() + ": " + v + " cannot be exported");
                }
                out.put(d.key(), v);
            }
        }
        return new ParameterFile(FORMAT_VERSION, schema.profileId(), device == null ? "" : device.model(),
                device == null ? "" : device.firmwareVersion(), device == null ? null : device.address(),
                device == null ? "" : device.serialNumber(), time, chosen, out, "");
    }

    /** The file as JSON text. */
    public static String toJson(ParameterSchema schema, ParameterFile file) {
        return ParameterFileCodec.toJson(schema, file);
    }

    /**
     * Writes the file atomically: to a temporary file beside {@code target}, flushed to the disk, then moved
     * over {@code target}; a crash leaves either the old file or the new one.
     */
    public static void write(ParameterSchema schema, ParameterFile file, Path target) throws IOException {
        byte[] bytes = toJson(schema, file).getBytes(StandardCharsets.UTF_8);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file. Files larger than {@link #MAX_BYTES} are refused without being read. Never throws. */
    public static ImportResult read(ParameterSchema schema, Path file) {
        String source = String.valueOf(file.getFileName());
        try {
            if (Files.isDirectory(file)) {
                return ParameterFileCodec.failure(source, LocalizedText.of("is a directory, not a parameter file",
                        "是目录，不是参数文件"));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return tooLarge(source, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(schema, in, source);
            }
        } catch (NoSuchFileException e) {
            return ParameterFileCodec.failure(source, LocalizedText.of("no such file: " + file, "文件不存在：" + file));
        } catch (IOException | RuntimeException e) {
            return ParameterFileCodec.failure(source, LocalizedText.of("cannot read " + file + ": " + e.getMessage(),
                    "无法读取 " + file + "：" + e.getMessage()));
        }
    }

    /** Reads at most {@link #MAX_BYTES} from a stream (not closed); more is refused. Never throws. */
    public static ImportResult read(ParameterSchema schema, InputStream in, String source) {
        try {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return tooLarge(source, -1);
            }
            return read(schema, bytes, source);
        } catch (IOException | RuntimeException e) {
            return ParameterFileCodec.failure(source, LocalizedText.of("cannot read: " + e.getMessage(),
                    "无法读取：" + e.getMessage()));
        }
    }

    /** Reads a file's content. Never throws. */
    public static ImportResult read(ParameterSchema schema, byte[] content, String source) {
        if (content.length > MAX_BYTES) {
            return tooLarge(source, content.length);
        }
        return ParameterFileCodec.read(schema, content, source, true);
    }

    private static ImportResult tooLarge(String source, long size) {
        String what = size < 0 ? "more than " + MAX_BYTES / (1024 * 1024) + " MiB"
                : String.format(java.util.Locale.ROOT, "%.1f MiB", size / (1024.0 * 1024));
        return ParameterFileCodec.failure(source, LocalizedText.of(
                "the file is " + what + "; parameter files are at most " + MAX_BYTES / (1024 * 1024)
                        + " MiB (a complete export is a few kB): not read",
                "文件大小为 " + what + "；参数文件最大 " + MAX_BYTES / (1024 * 1024) + " MiB（完整导出仅几 kB）：未读取"));
    }
}
