# The platform every other feature needs: Declarative Services, configuration, hot deploy of
# plugins/, the transport and device contracts, and the registries that bind them.
name = core
version = 1.0.0
description = OSGi services runtime, configuration, plugin hot deploy, transport and device APIs, registries
bundles = \
  org.osgi.util.function, \
  org.osgi.util.promise, \
  org.osgi.service.component, \
  org.apache.felix.configadmin, \
  org.apache.felix.scr, \
  org.apache.felix.fileinstall, \
  org.bmsw.branding, \
  org.bmsw.transport.api, \
  org.bmsw.device.api, \
  org.bmsw.core
