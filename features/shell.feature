# The Gogo shell on the terminal (bmsw --shell): inspect bundles and services, run commands.
name = shell
version = 1.0.0
description = Apache Felix Gogo shell on the terminal
includes = core
bundles = \
  jline, \
  org.apache.felix.gogo.runtime, \
  org.apache.felix.gogo.command, \
  org.apache.felix.gogo.jline
