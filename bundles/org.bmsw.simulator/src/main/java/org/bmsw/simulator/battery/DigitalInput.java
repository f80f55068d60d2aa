package org.bmsw.simulator.battery;

/** The JDI BIU digital / charge-connection inputs. */
public enum DigitalInput {
    KEY_ON("KeyOn", "Key-On", "钥匙信号"),
    CHARGER_WAKEUP("CHG_12V", "Charger wake-up", "充电唤醒"),
    CC("CC", "Slow charge CC", "慢充CC"),
    CC2("CC2", "Fast charge CC2", "快充CC2"),
    CP("CP", "Slow charge CP", "慢充CP");

    private final String flagKey;
    private final String english;
    private final String chinese;

    DigitalInput(String flagKey, String english, String chinese) {
        this.flagKey = flagKey;
        this.english = english;
        this.chinese = chinese;
    }

    public String flagKey() {
        return flagKey;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
