package org.bmsw.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BMS Workbench MQTT publisher",
        description = "Publishes the live telemetry of every connected device to an MQTT broker, with Home Assistant discovery")
@interface MqttConfig {

    String PID = "org.bmsw.mqtt";

    @AttributeDefinition(name = "Enabled", description = "Publish to the broker")
    boolean enabled() default false;

    @AttributeDefinition(name = "Broker URL", description = "tcp://host:1883, or ssl://host:8883 for TLS")
    String brokerUrl() default "tcp://localhost:1883";

    @AttributeDefinition(name = "Client id", description = "MQTT client id; empty: bmsw-<host name>. Also names the availability topic",
            required = false)
    String clientId() default "";

    @AttributeDefinition(name = "User name", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "CA certificate file",
            description = "PEM file of the CA(s) that signed the broker's certificate; empty: the Java trust store (ssl:// only)",
            required = false)
    String caFile() default "";

    @AttributeDefinition(name = "Client certificate file", description = "PEM certificate (chain) for client authentication (ssl:// only)",
            required = false)
    String clientCertFile() default "";

    @AttributeDefinition(name = "Client key file", description = "PEM PKCS#8 private key (BEGIN PRIVATE KEY) of the client certificate",
            required = false)
    String clientKeyFile() default "";

    @AttributeDefinition(name = "Topic prefix", description = "State and availability topics: <prefix>/<device>/state ...")
    String topicPrefix() default "bmsw";

    @AttributeDefinition(name = "Home Assistant discovery", description = "Publish discovery configurations for Home Assistant")
    boolean discovery() default true;

    @AttributeDefinition(name = "Discovery prefix", description = "Home Assistant's discovery prefix")
    String discoveryPrefix() default "homeassistant";

    @AttributeDefinition(name = "QoS", description = "Quality of service of state messages: 0, 1 or 2", min = "0", max = "2")
    int qos() default 1;

    @AttributeDefinition(name = "Retain", description = "Retain state messages on the broker")
    boolean retain() default false;

    @AttributeDefinition(name = "Minimum interval (ms)",
            description = "At most one state message per device in this time; 0 publishes every snapshot", min = "0")
    int minIntervalMillis() default 1000;

    @AttributeDefinition(name = "Queue capacity",
            description = "Snapshots kept while the broker is down or slow; beyond it the oldest are dropped", min = "1")
    int queueCapacity() default 1000;

    @AttributeDefinition(name = "Keep-alive (s)", description = "How soon the broker notices a lost connection and sends the last will",
            min = "5")
    int keepAliveSeconds() default 30;
}
