# The default when a display is present: the headless set plus the window. What the first snapshot on
# screen waits for starts first: the Smart BMS profile (its JSON is read on a thread of its own), then the
# window's bundles (GTK's display starts on the UI thread), then the rest.
name = desktop
version = 1.0.0
description = The headless set plus the workbench window
includes = profile-smartbms, workbench, headless
# pages of other bundles, each beside the capability it shows
bundles = \
  org.bmsw.workbench.calibration, \
  org.bmsw.workbench.firmware, \
  org.bmsw.workbench.records, \
  org.bmsw.workbench.cantrace
# With no last connection (a first start, no hardware) the window attaches to the built-in simulator.
config.org.bmsw.workbench[autoConnect] = true
config.org.bmsw.workbench[defaultPort] = sim:smartbms.v4
