# Virtual devices: the battery model and simulated BMSs serving the profiles' own maps.
name = simulator
version = 1.0.0
description = Battery physics and simulated devices on the real wire protocols (the `bmsw simulate` command arrives with issue 5)
includes = profile-smartbms
bundles = org.bmsw.simulator
