package org.bmsw.firmware.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BMS Workbench firmware", description = "Which signatures firmware packages are trusted by")
@interface FirmwareConfig {

    @AttributeDefinition(name = "Trusted keys directory",
            description = "Ed25519 public keys (*.pem) whose signatures are trusted; empty: trusted-keys in the configuration directory")
    String trustedKeysDirectory() default "";
}
