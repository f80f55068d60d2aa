# The default when a display is present: the headless set plus the window.
name = desktop
version = 1.0.0
description = The headless set plus the workbench window
includes = headless, workbench
# pages of other bundles, each beside the capability it shows
bundles = \
  org.bmsw.workbench.calibration, \
  org.bmsw.workbench.firmware, \
  org.bmsw.workbench.records, \
  org.bmsw.workbench.cantrace
# With no last connection (a first start, no hardware) the window attaches to the built-in simulator.
config.org.bmsw.workbench[autoConnect] = true
config.org.bmsw.workbench[defaultPort] = sim:smartbms.v4
