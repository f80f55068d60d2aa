package org.bmsw.calibration.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.calibration.CalibrationListener;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationService;
import org.bmsw.calibration.ReportEntry;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The procedures present (whiteboard), runs, and the report folder. */
@Component(service = CalibrationService.class)
public class CalibrationServiceImpl implements CalibrationService {

    private static final Logger LOG = LoggerFactory.getLogger(CalibrationServiceImpl.class);

    private record Entry(CalibrationProcedure procedure, int order) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** The procedures this bundle ships, outside OSGi (tests of other bundles, tools). */
    public static CalibrationServiceImpl withStandardProcedures() {
        CalibrationServiceImpl service = new CalibrationServiceImpl();
        service.add(new CurrentZeroProcedure(), 100);
        service.add(new RealCurrentProcedure(), 200);
        service.add(new TemperatureProcedure(), 300);
        service.add(new OcvTableProcedure(), 400);
        service.add(new SocProcedure(), 500);
        return service;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProcedure(CalibrationProcedure procedure, Map<String, Object> properties) {
        Object order = properties.get(CalibrationProcedure.PROPERTY_ORDER);
        add(procedure, order instanceof Number n ? n.intValue() : Integer.MAX_VALUE);
    }

    void removeProcedure(CalibrationProcedure procedure) {
        entries.removeIf(e -> e.procedure() == procedure);
    }

    public void add(CalibrationProcedure procedure, int order) {
        entries.add(new Entry(procedure, order));
    }

    @Override
    public List<CalibrationProcedure> procedures() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::order).thenComparing(e -> e.procedure().id()));
        return sorted.stream().map(Entry::procedure).toList();
    }

    @Override
    public List<CalibrationProcedure> proceduresFor(DeviceSession session) {
        List<CalibrationProcedure> applying = new ArrayList<>();
        for (CalibrationProcedure p : procedures()) {
            try {
                if (p.appliesTo(session)) {
                    applying.add(p);
                }
            } catch (RuntimeException e) {
                LOG.warn("Calibration procedure {} failed to say whether it applies to {}: {}", p.id(),
                        session.identity().describe(), e.toString());
            }
        }
        return applying;
    }

    @Override
    public Optional<CalibrationProcedure> procedure(String id) {
        return procedures().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public CalibrationResult run(CalibrationProcedure procedure, DeviceSession session, CalibrationRequest request,
                                 CalibrationListener listener) {
        CalibrationResult result = procedure.run(session, request, listener);
        if (result.outcome().nothingWritten()) {
            return result;
        }
        try {
            return ReportFiles.save(result, reportDirectory(request.dataDirectory()), request.locale());
        } catch (IOException | RuntimeException e) {
            LOG.error("The report of {} on {} could not be saved in {}", procedure.id(), session.identity().describe(),
                    reportDirectory(request.dataDirectory()), e);
            if (listener != null) {
                listener.progress(Stage.DONE, LocalizedText.of("The report could not be saved: " + e.getMessage(),
                        "无法保存报告：" + e.getMessage()));
            }
            return result;
        }
    }

    @Override
    public Path reportDirectory(Path dataDirectory) {
        return dataDirectory.resolve("calibration");
    }

    @Override
    public List<ReportEntry> reports(Path dataDirectory) {
        return ReportFiles.list(reportDirectory(dataDirectory));
    }
}
