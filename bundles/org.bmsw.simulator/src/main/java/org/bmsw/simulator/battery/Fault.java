package org.bmsw.simulator.battery;

/** Major faults a JDI BIU reports (its red state), derived from measurements and injected failures. */
public enum Fault {
    INSULATION_LOW("Insulation resistance low", "绝缘电阻低"),
    COMMUNICATION("Internal communication lost", "内部通讯故障"),
    POWER_SUPPLY("Supply voltage out of range", "供电电压异常"),
    PRECHARGE("Pre-charge failed", "预充失败"),
    CHARGE_SWITCH("Charge switch failure", "充电开关故障"),
    DISCHARGE_SWITCH("Discharge switch failure", "放电开关故障"),
    TEMPERATURE_SENSOR("Temperature sensor failure", "温度传感器故障"),
    CURRENT_SENSOR("Current sensor failure", "电流传感器故障");

    private final String english;
    private final String chinese;

    Fault(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
