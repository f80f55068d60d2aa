# The window's pages that come from other bundles, each beside the capability it shows.
name = workbench-pages
version = 1.0.0
description = Calibration, Firmware, Records and CAN trace pages of the workbench window
includes = workbench, headless
bundles = \
  org.bmsw.workbench.calibration, \
  org.bmsw.workbench.firmware, \
  org.bmsw.workbench.records, \
  org.bmsw.workbench.cantrace
