package org.bmsw.cli.internal;

import java.util.Locale;
import java.util.Map;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.Refusal;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Problem;
import org.bmsw.schema.SafeBatchWriter;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.WritePreview;
import org.bmsw.schema.WriteReport;
import org.bmsw.schema.WriteRequest;

/**
 * The write path shared by {@code params import} and {@code params write}: preview, refuse on errors or on
 * missing switches, then the safe batch write and its report.
 */
final class SafeWrite {

    private final CliContext context;
    private final DeviceSession session;
    private final ParameterSchema schema;
    private final WriteOptions options;
    private final Locale locale;
    private final boolean json;

    SafeWrite(CliContext context, DeviceSession session, ParameterSchema schema, WriteOptions options, Locale locale,
              boolean json) {
        this.context = context;
        this.session = session;
        this.schema = schema;
        this.options = options;
        this.locale = locale;
        this.json = json;
    }

    int run(Map<String, Double> values, String source) throws DeviceException, Refusal {
        ValidationContext validation = (options.engineer ? ValidationContext.engineer() : ValidationContext.user())
                .withChemistry(chemistry());
        SafeBatchWriter writer = new SafeBatchWriter(schema);
        WritePreview preview = writer.preview(session.parameters(), values, validation);
        if (!json) {
            context.out().print(preview.comparison().render("device", source, locale, true));
        }
        for (Problem problem : preview.validation().problems()) {
            context.err().println((problem.isError() ? "error: " : "needs confirmation: ") + problem.key() + ": "
                    + problem.message().text(locale));
        }
        if (preview.validation().hasErrors()) {
            throw new Refusal(preview.validation().errors().size() + " value(s) refused by the schema; nothing was written");
        }
        if (preview.changes().isEmpty()) {
            context.err().println("the device already holds these values: nothing to write");
            return CliCommand.OK;
        }
        if (options.dryRun) {
            context.err().printf("dry run: %d change(s) would be written; nothing was written%n", preview.changes().size());
            return CliCommand.OK;
        }
        if (!options.yes) {
            throw new Refusal(preview.changes().size() + " change(s) not written: add --yes to write them "
                    + "(or --dry-run to only show them)");
        }
        if (!preview.validation().confirmations().isEmpty() && !options.allowDangerous) {
            throw new Refusal(preview.validation().confirmations().size() + " dangerous change(s) need "
                    + "--allow-dangerous; nothing was written");
        }
        WriteRequest request = new WriteRequest(values, validation,
                options.allowDangerous ? preview.validation().confirmationIds() : java.util.Set.of(),
                context.dataDir().resolve("backups"), options.flash);
        WriteReport report = writer.write(session.parameters(), session.identity(), request);
        print(report);
        return switch (report.outcome()) {
            case WRITTEN, UNCHANGED -> CliCommand.OK;
            case REFUSED -> CliCommand.REFUSED;
            default -> CliCommand.FAILED;
        };
    }

    /** The pack's chemistry, for the schema's safe envelopes; empty when the device does not say. */
    private String chemistry() {
        try {
            return session.readTelemetry().pack().chemistry();
        } catch (DeviceException e) {
            context.err().println("warning: could not read the pack chemistry (" + e.getMessage()
                    + "); chemistry envelopes are not checked");
            return "";
        }
    }

    private void print(WriteReport report) {
        if (json) {
            var root = Json.object();
            root.put("outcome", report.outcome().name());
            root.put("summary", report.summary().text(locale));
            root.put("backup", report.backupFile() == null ? null : report.backupFile().toString());
            report.written().forEach(root.putArray("written")::add);
            report.verified().forEach(root.putArray("verified")::add);
            report.restored().forEach(root.putArray("restored")::add);
            var failures = root.putArray("failures");
            report.failures().forEach(f -> failures.addObject().put("key", f.key()).put("reason", f.reason()));
            report.unpersisted().forEach(root.putArray("unpersisted")::add);
            root.put("persisted", report.persisted());
            context.out().println(Json.pretty(root));
            return;
        }
        context.out().println(report.outcome() + ": " + report.summary().text(locale));
        if (report.backupFile() != null) {
            context.out().println("backup: " + report.backupFile());
        }
        context.out().printf("written %d, verified %d, restored %d, failed %d%n", report.written().size(),
                report.verified().size(), report.restored().size(), report.failures().size());
        report.failures().forEach(f -> context.out().println("  failed: " + f));
        if (!report.unpersisted().isEmpty()) {
            context.out().println("in RAM only, lost on restart until flashed: " + String.join(", ", report.unpersisted()));
        }
    }
}
