/**
 * Parameter schemas: the single source of truth for a device profile's parameters.
 *
 * <p>A {@link org.bmsw.schema.ParameterSchema} is loaded from JSON by {@link org.bmsw.schema.ParameterSchemas}
 * and checked on load (unknown fields, duplicate keys, overlapping locations, ranges, rule references).
 * Each {@link org.bmsw.schema.ParameterDef} converts between raw and engineering values. A
 * {@link org.bmsw.schema.ParameterValidator} checks single values and whole value sets against the
 * schema's cross-field {@link org.bmsw.schema.Rule rules} and chemistry
 * {@link org.bmsw.schema.Envelope envelopes}. {@link org.bmsw.schema.ParameterFiles} exports and imports
 * parameter files, {@link org.bmsw.schema.ParameterComparison} compares value sets, and
 * {@link org.bmsw.schema.SafeBatchWriter} writes a validated set to a device with backup, read-back and
 * restore.
 */
@Version("1.0.0")
@Export
package org.bmsw.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
