# The default when a display is present: the headless set plus the window. What the first snapshot on
# screen waits for starts first: the Smart BMS profile (its JSON is read on a thread of its own), then the
# window's bundles (GTK's display starts on the UI thread), then every transport and profile a connection
# may need (the recorder too: it offers the `replay` transport). What no connection needs starts once the
# window is up and connecting at start has ended (`later`), so that it does not compete for the CPU with
# the first snapshot.
name = desktop
version = 1.0.0
description = The headless set plus the workbench window
includes = profile-smartbms, workbench, headless, workbench-pages
later = cli, mqtt, calibration, firmware, workbench-pages
# With no last connection (a first start, no hardware) the window attaches to the built-in simulator.
config.org.bmsw.workbench[autoConnect] = true
config.org.bmsw.workbench[defaultPort] = sim:smartbms.v4
