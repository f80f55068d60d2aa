# The SWT window. Pages are whiteboard services: profiles and other features add their own.
name = workbench
version = 1.0.0
description = The desktop window (Eclipse SWT, GTK on Linux) with its pages
includes = core, schema
bundles = \
  org.eclipse.swt, \
  org.eclipse.swt.gtk.linux.x86_64, \
  org.bmsw.workbench
