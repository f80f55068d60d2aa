package ${package}.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.profile.modbus.ProfileFormatException;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkKind;
import org.osgi.service.component.annotations.Component;

/**
 * The ${model} profile: the register map and parameters are data ({@code profile/register-map.*.json}, read with
 * BMS Workbench's register profile engine), the sessions add {@link CustomDecoding}.
 */
@Component(service = DeviceProfile.class, property = DeviceProfile.PROPERTY_ID + "=" + ExampleProfile.ID)
public class ExampleProfile implements DeviceProfile {

    static final String ID = "${profileId}";
    private static final String FOLDER = "/profile/";
    static final String MAP = "register-map.profile.json";

    private final RegisterDeviceProfile registers;

    public ExampleProfile() {
        this.registers = load();
    }

    /** The data part: the map and the files it names, from this bundle. */
    static RegisterDeviceProfile load() {
        try (InputStream in = ExampleProfile.class.getResourceAsStream(FOLDER + MAP)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + MAP + " is missing from the bundle");
            }
            return RegisterProfiles.load(MAP, in.readAllBytes(),
                    name -> Optional.ofNullable(ExampleProfile.class.getResource(FOLDER + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProfileFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    RegisterDeviceProfile registers() {
        return registers;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public LocalizedText displayName() {
        return registers.displayName();
    }

    @Override
    public Set<String> models() {
        return registers.models();
    }

    @Override
    public Set<LinkKind> linkKinds() {
        return registers.linkKinds();
    }

    @Override
    public int defaultBaud() {
        return registers.defaultBaud();
    }

    @Override
    public Optional<DeviceIdentity> probe(Link link, int address, Duration timeout) throws DeviceException {
        return registers.probe(link, address, timeout);
    }

    @Override
    public DeviceSession connect(Link link, int address) throws DeviceException {
        return new CustomSession(registers.connect(link, address));
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return registers.capability(type);
    }
}
