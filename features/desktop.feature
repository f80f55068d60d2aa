# The default when a display is present: the headless set plus the window.
name = desktop
version = 1.0.0
description = The headless set plus the workbench window
includes = headless, workbench
