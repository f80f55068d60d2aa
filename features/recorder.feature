# Recording of live telemetry into an embedded SQLite store, cycle analysis, export, import, replay.
name = recorder
version = 1.0.0
description = Telemetry recording (SQLite), cycle analysis, CSV/JSON export and import, replay
includes = core, schema, cli
bundles = \
  sqlite-jdbc, \
  org.bmsw.recorder
