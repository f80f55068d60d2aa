# Data-only profiles as plain files: *.profile.json (and the files it names) dropped into plugins/ become live
# profiles through FileInstall; `bmsw profile validate` and `bmsw profile list`.
name = profile-files
version = 1.0.0
description = Data-only register profiles as files in plugins/, hot-deployed; bmsw profile validate | list
includes = profile-smartbms, cli
bundles = \
  org.bmsw.profile.files
