# The parameter schema engine: validation, parameter files, compare, safe batch writes.
name = schema
version = 1.0.0
description = Parameter schemas: validation, JSON parameter files, compare, safe batch write with backup and rollback
includes = core
bundles = \
  jackson-annotations, \
  jackson-core, \
  jackson-databind, \
  org.bmsw.schema
