package org.bmsw.simulator.battery;

/** The JDI BIU relay outputs (ST1 connector). RL1..RL4 are driven by the BMS logic, RL5..RL8 by the host. */
public enum Relay {
    RL1("Discharge relay", "放电继电器"),
    RL2("Pre-charge relay", "预充继电器"),
    RL3("Charge relay", "充电继电器"),
    RL4("Heating relay", "加热继电器"),
    RL5("RL5 (reserved)", "RL5（预留）"),
    RL6("RL6 (reserved)", "RL6（预留）"),
    RL7("RL7 (reserved)", "RL7（预留）"),
    RL8("RL8 (reserved)", "RL8（预留）");

    private final String english;
    private final String chinese;

    Relay(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    /** RL5..RL8 may be switched by the host; RL1..RL4 follow the BMS logic. */
    public boolean hostControlled() {
        return ordinal() >= RL5.ordinal();
    }
}
