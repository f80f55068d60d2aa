package org.bmsw.profile.jdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.profile.modbus.ProfileFormatException;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.schema.SchemaException;

/**
 * What the CAN profile reads at run time: the DBC (frames), the register profile (labels, flags, quantity rules)
 * and the parameter schema (XCP addresses).
 *
 * @param registers  the RS485 register profile, source of labels and rules
 * @param schema     the parameter schema
 * @param telemetry  the DBC and its telemetry fields
 */
record JdiCanData(RegisterProfile registers, ParameterSchema schema, DbcTelemetry telemetry) {

    /** Reads and checks the three files; every error names the file and the place in it. */
    static JdiCanData load(URL registerProfile, URL parameters, URL dbc) throws IOException, ProfileFormatException,
            SchemaException, DbcFormatException {
        RegisterProfile registers;
        try (InputStream in = registerProfile.openStream()) {
            registers = new RegisterProfileLoader().load(JdiData.REGISTER_PROFILE, in);
        }
        ParameterSchema schema = ParameterSchemas.load(parameters);
        return new JdiCanData(registers, schema, DbcTelemetry.of(Dbc.load(dbc), new JdiCatalog(registers)));
    }
}
