# Guided calibrations (current zero, real current, temperature offsets, OCV table, SOC) with backup,
# verification, rollback and saved reports; `bmsw calibrate`.
name = calibration
version = 1.0.0
description = Guided calibration procedures and their reports; bmsw calibrate
includes = core, schema, cli
bundles = \
  org.bmsw.calibration
