# The headless commands: `bmsw <command>` and the same commands in the Gogo shell. Other features
# contribute commands of their own (simulate, flash, record, calibrate).
name = cli
version = 1.0.0
description = Headless commands: ports, profiles, scan, read, params, raw, control (+ contributed ones)
includes = core, schema
bundles = \
  picocli, \
  org.bmsw.cli
