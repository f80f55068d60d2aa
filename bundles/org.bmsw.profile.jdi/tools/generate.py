#!/usr/bin/python3
"""Writes the JDI BI51 data files of this bundle: the profile (jdi-bi51.profile.json: the RS485 register map, and in
its can section the CAN side: the DBC, the model signal, the XCP calibration pages), the parameter schema
(jdi-bi51.parameters.json) and the CAN broadcast DBC (jdi-bi51.dbc).

The vendor publishes neither its register map nor its frames; these files are BMS Workbench's documented
assumption. They are data: an OEM edits them directly. This script only keeps the three consistent (same flag
order, labels, parameter addresses) when the layout itself is redesigned; run it from this folder.
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "org", "bmsw", "profile", "jdi")
SMARTBMS = os.path.join(os.path.dirname(__file__), "..", "..", "org.bmsw.profile.smartbms", "src", "main", "resources",
                        "org", "bmsw", "profile", "smartbms", "smartbms-v4.profile.json")

MODELS = ["BI5116", "BI5132", "BI5148"]
MAX_CELLS, MAX_PROBES, MODULES = 160, 40, 11
# XCP on CAN for the parameters: commands on 0x7F0, responses on 0x7F1, 11-bit; segment 0, RAM page 0 ("Calibration"),
# flash page 1 ("Flash")
XCP_CAN = {"requestId": 0x7F0, "responseId": 0x7F1, "extended": False, "padToEight": False, "segment": 0, "ramPage": 0,
           "flashPage": 1}


def text(en, zh):
    return {"en": en, "zh": zh}


# ---------------------------------------------------------------- flags (same order on RS485 and CAN)
smart = json.load(open(SMARTBMS, encoding="utf-8"))
ALARMS = [(i["key"], i["label"]) for i in smart["flags"][0]["items"]]
PROTECTS = [(i["key"], i["label"]) for i in smart["flags"][1]["items"]]
STATUS = [("DSGEN", text("Discharge relay closed", "放电继电器闭合")), ("CHGEN", text("Charge relay closed", "充电继电器闭合")),
          None, None, None, None,
          ("DSGNG", text("Discharging", "正在放电")), ("CHGNG", text("Charging", "正在充电"))]
RELAYS = [("RL1", text("Discharge relay", "放电继电器")), ("RL2", text("Pre-charge relay", "预充继电器")),
          ("RL3", text("Charge relay", "充电继电器")), ("RL4", text("Heating relay", "加热继电器")),
          ("RL5", text("RL5 (reserved)", "RL5（预留）")), ("RL6", text("RL6 (reserved)", "RL6（预留）")),
          ("RL7", text("RL7 (reserved)", "RL7（预留）")), ("RL8", text("RL8 (reserved)", "RL8（预留）"))]
INPUTS = [("KeyOn", text("Key-On", "钥匙信号")), ("CHG_12V", text("Charger wake-up", "充电唤醒")),
          ("CC", text("Slow charge CC", "慢充CC")), ("CC2", text("Fast charge CC2", "快充CC2")),
          ("CP", text("Slow charge CP", "慢充CP"))]
FAULTS = [("INSULATION_LOW", text("Insulation resistance low", "绝缘电阻低")),
          ("COMMUNICATION", text("Internal communication lost", "内部通讯故障")),
          ("POWER_SUPPLY", text("Supply voltage out of range", "供电电压异常")),
          ("PRECHARGE", text("Pre-charge failed", "预充失败")),
          ("CHARGE_SWITCH", text("Charge switch failure", "充电开关故障")),
          ("DISCHARGE_SWITCH", text("Discharge switch failure", "放电开关故障")),
          ("TEMPERATURE_SENSOR", text("Temperature sensor failure", "温度传感器故障")),
          ("CURRENT_SENSOR", text("Current sensor failure", "电流传感器故障"))]
FLAG_SETS = [  # group, label, register, words, bits per flag, severity, items
    ("ALARM", text("Alarm", "报警"), 27, 2, 2, "warning", ALARMS),
    ("PROTECT", text("Protection", "保护"), 29, 1, 1, "fault", PROTECTS),
    ("STATUS", text("Status", "状态"), 30, 1, 1, "normal", STATUS),
    ("RELAY", text("Relay outputs", "继电器输出"), 31, 1, 1, "normal", RELAYS),
    ("INPUT", text("Digital inputs", "数字输入"), 32, 1, 1, "normal", INPUTS),
    ("FAULT", text("Major faults", "严重故障"), 33, 1, 1, "fault", FAULTS),
]

# ---------------------------------------------------------------- quantities: key, label, unit, category, reg, type, scale, flagWhen
VCC_RULES = [{"differsFrom": "voltage.keyon", "moreThan": 3, "onlyWhile": "INPUT.KeyOn"},
             {"differsFrom": "voltage.wakeup", "moreThan": 3, "onlyWhile": "INPUT.CHG_12V"},
             {"onlyWhile": "FAULT.POWER_SUPPLY"}]
QUANTITIES = [
    ("voltage.hv2", text("Pack voltage HV2 (relay side)", "总压HV2（继电器后）"), "V", "pack", 3, "u16", 0.1, []),
    ("sop.charge", text("Charge power available (SOP)", "充电功率（SOP）"), "kW", "state", 15, "u16", 0.1, []),
    ("sop.discharge", text("Discharge power available (SOP)", "放电功率（SOP）"), "kW", "state", 16, "u16", 0.1, []),
    ("voltage.keyon", text("KeyOn voltage", "KeyOn电压"), "V", "power", 17, "u16", 0.01,
     [{"differsFrom": "voltage.vcc", "moreThan": 3, "onlyWhile": "INPUT.KeyOn"}]),
    ("voltage.wakeup", text("Wake-up voltage", "唤醒电压"), "V", "power", 18, "u16", 0.01,
     [{"differsFrom": "voltage.vcc", "moreThan": 3, "onlyWhile": "INPUT.CHG_12V"}]),
    ("voltage.vcc", text("VCC", "VCC电压"), "V", "power", 19, "u16", 0.01, VCC_RULES),
    ("charger.voltage", text("Charger output voltage", "充电机输出电压"), "V", "charger", 20, "u16", 0.1, []),
    ("charger.current", text("Charger output current", "充电机输出电流"), "A", "charger", 21, "u16", 0.1, []),
    ("insulation.positive", text("Insulation resistance HV+", "正极绝缘电阻"), "kΩ", "insulation", 22, "u16", 1,
     [{"onlyWhile": "FAULT.INSULATION_LOW"}]),
    ("insulation.negative", text("Insulation resistance HV−", "负极绝缘电阻"), "kΩ", "insulation", 23, "u16", 1,
     [{"onlyWhile": "FAULT.INSULATION_LOW"}]),
    ("temperature.chargeport1", text("Charge port temperature 1", "充电口温度1"), "°C", "charger", 24, "s16", 0.1, []),
    ("temperature.chargeport2", text("Charge port temperature 2", "充电口温度2"), "°C", "charger", 25, "s16", 0.1, []),
    ("modules.bmu", text("BMUs in the cascade", "级联BMU数量"), "", "system", 26, "u16", 1, []),
]


def register_profile():
    def field(at, typ, scale=None, block="pack", **extra):
        f = {"block": block, "at": at, "type": typ}
        if scale is not None:
            f["scale"] = scale
        f.update(extra)
        return f

    flags = []
    for group, label, at, words, bits, severity, items in FLAG_SETS:
        flags.append({"group": group, "label": label, "block": "pack", "at": at, "words": words, "bitsPerFlag": bits,
                      "severity": severity,
                      "items": [None if i is None else {"key": i[0], "label": i[1]} for i in items]})
    return {
        "$comment": "JDI BI5116/BI5132/BI5148 register map over RS485 (Modbus RTU), and the same device on CAN (section"
                    " 'can': the broadcast DBC, XCP calibration pages). The vendor publishes no protocol: this is BMS"
                    " Workbench's documented assumption (README, 'JDI BI51'). Adapt positions here, not in code."
                    " Generated by tools/generate.py together with the parameter schema and the DBC.",
        "format": "bmsw-register-profile/1",
        "id": "jdi.bi51",
        "name": text("JDI BI51 (BI5116 / BI5132 / BI5148)", "JDI BI51（BI5116 / BI5132 / BI5148）"),
        "models": MODELS,
        "link": {"baud": 9600, "parity": "N", "address": 1},
        "identify": {"function": 4, "register": 1024, "count": 4, "models": MODELS},
        "blocks": [
            {"id": "pack", "function": 4, "register": 0, "count": 64},
            {"id": "cells", "function": 4, "register": 256, "count": MAX_CELLS},
            {"id": "temperatures", "function": 4, "register": 512, "count": MAX_PROBES},
            {"id": "balancing", "function": 4, "register": 576, "count": MAX_CELLS // 16},
        ],
        "telemetry": {
            "soc": field(0, "u16", 0.1), "soh": field(1, "u16", 0.1), "voltage": field(2, "u16", 0.1),
            "current": field(4, "s16", 0.1), "fullChargeCapacity": field(5, "u16", 0.1),
            "remainingCapacity": field(6, "u16", 0.1), "cycleCount": field(7, "u16"), "runTimeSeconds": field(8, "u32"),
            "chemistry": field(10, "u16", values={"0": "LFP", "1": "NMC", "2": "LTO"}), "cellCount": field(11, "u16"),
            "firmwareMajor": field(12, "u16"), "firmwareMinor": field(13, "u16"), "firmwarePatch": field(14, "u16"),
        },
        "cells": {"block": "cells", "at": 0, "type": "u16", "scale": 0.001, "max": MAX_CELLS, "countField": "cellCount",
                  "balancing": {"block": "balancing", "at": 0, "words": MAX_CELLS // 16},
                  "moduleCounts": {"block": "pack", "at": 34, "words": MODULES}},
        "temperatures": {"block": "temperatures", "at": 0, "type": "s16", "scale": 0.1, "count": MAX_PROBES,
                         "notFittedRaw": -32768, "moduleCounts": {"block": "pack", "at": 45, "words": MODULES}},
        "flags": flags,
        "quantities": [{"key": k, "label": l, "unit": u, "category": c, "field": field(at, t, None if s == 1 else s),
                        **({"flagWhen": rules} if rules else {})}
                       for k, l, u, c, at, t, s, rules in QUANTITIES],
        "commands": [{"key": "RESET", "label": text("Restart BMS", "重启BMS"),
                      "description": text("Restarts the BMS: relays open for a moment, and parameters that were calibrated"
                                          " but not flashed are lost.", "重启BMS：继电器会短暂断开，已标定但未烧写(Flash)的参数将丢失。"),
                      "dangerous": True, "register": 8192, "value": 3}],
        "parameters": "jdi-bi51.parameters.json",
        "persist": {"register": 8192, "value": 16},
        "firmware": {"register": 8192, "value": 0xB007, "hardwareRevision": "BI51",
                     "flashMap": [{"start": 0x0800_4000, "size": 240 * 1024}], "signedImages": False},
        # the same device on CAN1: profile jdi.bi51.can; signals say what they carry by their BMSW_Field attribute
        "can": {"dbc": "jdi-bi51.dbc",
                "name": text("JDI BI51 on CAN (BI5116 / BI5132 / BI5148)", "JDI BI51（CAN，BI5116 / BI5132 / BI5148）"),
                "bitrate": 250000, "identify": {"message": "BMS_Insulation", "signal": "Model"}, "xcp": XCP_CAN},
    }


# ---------------------------------------------------------------- parameters
GROUPS = [("SYSTEM", text("System", "系统参数"), 0x1000), ("PROTECT", text("Protection", "保护参数"), 0x1100),
          ("ALARM", text("Alarm", "报警参数"), 0x1200), ("BALANCE", text("Balancing", "均衡参数"), 0x1300),
          ("HEAT", text("Heating", "加热参数"), 0x1400), ("INSULATION", text("Insulation", "绝缘参数"), 0x1500),
          ("SOC", text("SOC", "SOC标定"), 0x1600), ("FAILURE", text("Simulated failures", "模拟故障"), 0x1700)]
XCP_BASE = 0x00010000
UNITS = {"mV": ("u16", 1, 1000, 5000), "V": ("u16", 0.1, 0, 1000), "°C": ("s16", 0.1, -40, 125),
         "A": ("u16", 0.1, 0, 1000), "s": ("u16", 1, 0, 3600)}

PROTECTIONS = [  # key, unit, en, zh, default trip, release, delay, release delay, release is below
    ("COV", "mV", "Cell over-voltage", "单体过压", 3650, 3450, 5, 30, True),
    ("CUV", "mV", "Cell under-voltage", "单体欠压", 2600, 3000, 5, 30, False),
    ("TOV", "V", "Pack over-voltage", "总压过压", 59.2, 55.7, 1, 5, True),
    ("TUV", "V", "Pack under-voltage", "总压欠压", 40, 46.4, 1, 5, False),
    ("OTC", "°C", "Charge over-temperature", "充电高温", 60, 55, 5, 10, True),
    ("OTD", "°C", "Discharge over-temperature", "放电高温", 60, 55, 5, 10, True),
    ("UTC", "°C", "Charge under-temperature", "充电低温", -20, -10, 5, 10, False),
    ("UTD", "°C", "Discharge under-temperature", "放电低温", -20, -10, 5, 10, False),
    ("OCC", "A", "Charge over-current", "充电过流", 150, 2, 2, 30, True),
    ("OCD", "A", "Discharge over-current", "放电过流", 400, 5, 30, 30, True),
    ("OCD2", "A", "Discharge over-current 2", "放电过流2", 500, 5, 5, 30, True),
]
ALARM_LEVELS = [  # key prefix, unit, en, zh, levels 1..3, protection key, ascending
    ("COV", "mV", "Cell over-voltage alarm", "单体过压报警", (3580, 3620, 3650), "COV", True),
    ("CUV", "mV", "Cell under-voltage alarm", "单体欠压报警", (2800, 2700, 2600), "CUV", False),
    ("TOV", "V", "Pack over-voltage alarm", "总压过压报警", (57.6, 58.4, 59.2), "TOV", True),
    ("TUV", "V", "Pack under-voltage alarm", "总压欠压报警", (43.2, 41.6, 40), "TUV", False),
    ("OTC", "°C", "Charge over-temperature alarm", "充电高温报警", (50, 55, 60), "OTC", True),
    ("OTD", "°C", "Discharge over-temperature alarm", "放电高温报警", (50, 55, 60), "OTD", True),
    ("UTC", "°C", "Charge under-temperature alarm", "充电低温报警", (-10, -15, -20), "UTC", False),
    ("UTD", "°C", "Discharge under-temperature alarm", "放电低温报警", (-10, -15, -20), "UTD", False),
    ("OCCA", "A", "Charge over-current alarm", "充电过流报警", (120, 135, 150), "OCC", True),
    ("OCDA", "A", "Discharge over-current alarm", "放电过流报警", (320, 360, 400), "OCD", True),
    ("VDF", "mV", "Cell voltage difference alarm", "压差报警", (500, 750, 1000), "VDF", True),
]
FAILURES = [("COMMUNICATION", "Internal communication lost", "内部通讯中断", "all relays open"),
            ("POWER_SUPPLY", "Supply fault (VCC drops to 8 V)", "供电故障（VCC降至8 V）", "all relays open"),
            ("PRECHARGE", "Pre-charge never completes", "预充无法完成", "the discharge relay stays open"),
            ("CHARGE_SWITCH", "Charge relay fails open", "充电继电器断路", "charging stops"),
            ("DISCHARGE_SWITCH", "Discharge relay fails open", "放电继电器断路", "the load loses power"),
            ("INSULATION", "Insulation breakdown on HV+", "正极绝缘击穿", "an insulation fault is raised"),
            ("TEMPERATURE_SENSOR", "Probe T01 open", "温度探头T01断线", "a sensor fault is raised"),
            ("CURRENT_SENSOR", "Current sensor lost", "电流传感器失效", "the BMS reads 0 A")]


def parameters():
    params, rules = [], []
    counters = {g: base for g, _, base in GROUPS}
    xcp = [XCP_BASE]

    def add(key, group, label, unit, default, typ=None, scale=None, lo=None, hi=None, **extra):
        t, s, mn, mx = UNITS.get(unit, ("u16", 1, 0, 65535))
        t, s = typ or t, scale if scale is not None else s
        p = {"key": key, "group": group, "label": label, "unit": unit, "type": t}
        if s != 1:
            p["scale"] = s
        if "enumeration" not in extra and t != "bool":
            p["min"], p["max"] = (lo if lo is not None else mn), (hi if hi is not None else mx)
        p["default"] = default
        p.update(extra)
        size = {"bool": 1, "u8": 1, "u16": 2, "s16": 2, "u32": 4, "s32": 4}[t]
        xcp[0] += (-xcp[0]) % size
        p["location"] = {"register": "0x%04X" % counters[group], "xcp": {"address": "0x%08X" % xcp[0], "size": size}}
        counters[group] += 2 if t.endswith("32") else 1
        xcp[0] += size
        params.append(p)

    add("FCC", "SYSTEM", text("Rated capacity", "额定容量"), "Ah", 50, scale=0.1, lo=1, hi=6000)
    add("SHIELD_I", "SYSTEM", text("Current dead band (at rest below)", "电流死区（低于此值视为静置）"), "A", 3, lo=0, hi=50)
    for bus, en, zh in (("CAN1_BPS", "CAN1 (vehicle) bit rate", "CAN1（整车）波特率"),
                        ("CAN2_BPS", "CAN2 (charger) bit rate", "CAN2（充电机）波特率")):
        add(bus, "SYSTEM", text(en, zh), "kbit/s", 250, access="engineer",
            enumeration={str(b): text("%d kbit/s" % b, "%d kbit/s" % b) for b in (125, 250, 500, 1000)},
            dangerous={"reason": text("Devices on this CAN bus stop hearing the BMS unless they use the same bit rate.",
                                      "该CAN总线上的设备若不使用相同波特率将无法与BMS通信。")})
    add("485_ADDR", "SYSTEM", text("RS485 address", "485地址"), "", 1, lo=1, hi=247, access="engineer",
        dangerous={"reason": text("The BMS answers only at the new address after Flash and restart.",
                                  "烧写并重启后BMS只响应新地址。")})
    for key, unit, en, zh, trip, release, delay, rdelay, below in PROTECTIONS:
        add(key, "PROTECT", text(en + " protection", zh + "保护"), unit, trip)
        add(key + "Delay", "PROTECT", text(en + " delay", zh + "延时"), "s", delay)
        add(key + "R", "PROTECT", text(en + " release", zh + "恢复"), unit, release)
        add(key + "RDelay", "PROTECT", text(en + " release delay", zh + "恢复延时"), "s", rdelay)
        rules.append({"id": "protect.%s.release" % key.lower(), "type": "less" if below else "greater",
                      "left": key + "R", "right": key,
                      "message": text("The %s release must be %s its trip" % (en.lower(), "below" if below else "above"),
                                      "%s恢复值必须%s保护值" % (zh, "低于" if below else "高于"))})
    add("SC", "PROTECT", text("Short-circuit protection", "短路保护"), "A", 800, hi=2000)
    add("VDF", "PROTECT", text("Cell voltage difference protection", "压差保护"), "mV", 1000, lo=10, hi=5000)
    for prefix, unit, en, zh, levels, protection, ascending in ALARM_LEVELS:
        for level, value in enumerate(levels, 1):
            add(prefix + str(level), "ALARM", text("%s %d" % (en, level), "%s%d" % (zh, level)), unit, value,
                **({"lo": 10, "hi": 5000} if prefix == "VDF" else {}))
        rules.append({"id": "alarm.%s.levels" % prefix.lower(), "type": "ascending" if ascending else "descending",
                      "keys": [prefix + "1", prefix + "2", prefix + "3", protection], "lastOrEqual": True,
                      "message": text("%s levels must lead up to the protection (1, 2, 3, then the trip)" % en,
                                      "%s的1、2、3级应逐级接近保护值" % zh)})
    add("BalV", "BALANCE", text("Balancing start voltage", "均衡开启电压"), "mV", 3450)
    add("BalVdiff", "BALANCE", text("Balancing start difference", "均衡开启压差"), "mV", 50, lo=30, hi=800,
        note="The manual: minimum voltage difference of starting balance 30..800 mV, typical 50 mV.")
    add("BalPer", "BALANCE", text("Balancing duty", "均衡占空比"), "%", 50, lo=0, hi=100)
    add("BalT", "BALANCE", text("Balancing stop temperature", "均衡停止温度"), "°C", 60)
    add("HOT_ON_T", "HEAT", text("Heating on below", "加热开启温度"), "°C", 0)
    add("HOT_OFF_T", "HEAT", text("Heating off above", "加热关闭温度"), "°C", 10)
    rules.append({"id": "heat.hysteresis", "type": "less", "left": "HOT_ON_T", "right": "HOT_OFF_T",
                  "message": text("Heating must switch off above the temperature where it switches on",
                                  "加热关闭温度必须高于开启温度")})
    add("HOT_ON_TIME", "HEAT", text("Heating on time", "加热开启时间"), "s", 50)
    add("HOT_OFF_TIME", "HEAT", text("Heating off time", "加热关闭时间"), "s", 0)
    add("MR", "INSULATION", text("Insulation alarm HV+ below", "正极绝缘报警阈值"), "kΩ", 100, lo=0, hi=10000,
        note="0 = not checked")
    add("MRGND", "INSULATION", text("Insulation alarm HV− below", "负极绝缘报警阈值"), "kΩ", 100, lo=0, hi=10000,
        note="0 = not checked")
    soc = {str(v): text("%d %%" % v, "%d %%" % v) for v in range(101)}
    soc["65535"] = text("not set (the BMS keeps its own estimate)", "未设置（BMS保持自身估算）")
    add("SOC", "SOC", text("Set SOC", "SOC设置"), "%", 65535, enumeration=soc,
        note="As in the vendor tool, the field reads 65535 until a value is entered. Writing 0..100 sets the BMS's SOC"
             " estimate at once (Calibration); the field reads the value until the BMS restarts, then 65535 again. The"
             " manual's example: set 30, Calibration, Flash.")
    for key, en, zh, effect in FAILURES:
        add("SIM_" + key, "FAILURE", text(en, zh), "", 0, typ="bool", access="engineer",
            dangerous={"values": [1], "reason": text("A simulated failure acts like the real one: " + effect + ".",
                                                     "模拟故障与真实故障效果相同。")})
    return {
        "formatVersion": 1,
        "profile": "jdi.bi51",
        "name": text("JDI BI51", "JDI BI51"),
        "models": MODELS,
        "persistence": "ram-then-flash",
        "notes": [
            "The JDI manual describes the parameter screen (Read, Calibration = write to RAM, Flash = persist; JSON import"
            " and export; SOC set; simulated failures) but lists no parameters; this set is BMS Workbench's assumption,"
            " named like the Smart BMS V4.0 parameters the simulator runs on.",
            "RS485: one holding register per parameter (32-bit types take two), group by group from 0x1000; Flash is the"
            " value 16 written to 0x2000. CAN: XCP calibration segment %d at 0x%08X (RAM page %d, flash page %d),"
            " little-endian, packed in this file's order with natural alignment."
            % (XCP_CAN["segment"], XCP_BASE, XCP_CAN["ramPage"], XCP_CAN["flashPage"]),
            "Defaults are an LFP pack of 16 cells (a BI5116); pack voltages scale with the cell count.",
        ],
        "groups": [{"key": g, "label": l, "order": i + 1} for i, (g, l, _) in enumerate(GROUPS)],
        "parameters": params,
        "rules": rules,
        "envelopes": [{"chemistry": "LFP", "label": text("LiFePO4 cells", "磷酸铁锂电芯"),
                       "limits": {"COV": {"max": 3650}, "CUV": {"min": 2000}}},
                      {"chemistry": "NMC", "label": text("NMC cells", "三元锂电芯"),
                       "limits": {"COV": {"max": 4250}, "CUV": {"min": 2500}}}],
    }


# ---------------------------------------------------------------- DBC
def dbc():
    lines = ['VERSION "BMSW JDI BI51 broadcast 1"', "", "", "NS_ :", "\tCM_", "\tBA_DEF_", "\tBA_", "\tVAL_",
             "\tBA_DEF_DEF_", "", "BS_:", "", "BU_: BMS VCU Charger Tool", "", ""]
    comments, attributes, values = [], [], []

    def message(number, name, cycle, signals, comment):
        ident = 0x18FF00F3 | (number << 8)
        dbc_id = ident | 0x80000000
        lines.append("BO_ %d %s: 8 BMS" % (dbc_id, name))
        for sig in signals:
            name_, mux, start, length, signed, factor, offset, lo, hi, unit, field = sig[:11]
            mux_text = (" " + mux) if mux else ""
            lines.append(' SG_ %s%s : %d|%d@1%s (%s,%s) [%s|%s] "%s" VCU,Tool' % (
                name_, mux_text, start, length, "-" if signed else "+", fmt(factor), fmt(offset), fmt(lo), fmt(hi), unit))
            if field:
                attributes.append('BA_ "BMSW_Field" SG_ %d %s "%s";' % (dbc_id, name_, field))
            if len(sig) > 11:
                values.append("VAL_ %d %s %s ;" % (dbc_id, name_, " ".join('%d "%s"' % kv for kv in sig[11])))
        lines.append("")
        comments.append('CM_ BO_ %d "%s";' % (dbc_id, comment))
        attributes.append('BA_ "GenMsgCycleTime" BO_ %d %d;' % (dbc_id, cycle))

    def s(name, start, length, factor, offset, lo, hi, unit, field, signed=False, mux=None, names=None):
        sig = [name, mux, start, length, signed, factor, offset, lo, hi, unit, field]
        if names:
            sig.append(names)
        return sig

    message(1, "BMS_Pack", 100, [
        s("PackVoltage", 0, 16, 0.1, 0, 0, 6553.4, "V", "pack.voltage"),
        s("PackVoltageHV2", 16, 16, 0.1, 0, 0, 6553.4, "V", "quantity.voltage.hv2"),
        s("PackCurrent", 32, 16, 0.1, 0, -3276.8, 3276.7, "A", "pack.current", signed=True),
        s("SOC", 48, 16, 0.1, 0, 0, 100, "%", "pack.soc")], "Pack voltage (HV1, HV2), current (charging positive), SOC")
    message(2, "BMS_State", 500, [
        s("SOH", 0, 16, 0.1, 0, 0, 100, "%", "pack.soh"),
        s("RemainingCapacity", 16, 16, 0.1, 0, 0, 6553.4, "Ah", "pack.remainingCapacity"),
        s("FullChargeCapacity", 32, 16, 0.1, 0, 0, 6553.4, "Ah", "pack.fullChargeCapacity"),
        s("CycleCount", 48, 16, 1, 0, 0, 65534, "", "pack.cycleCount")], "SOH, capacities, cycles")
    message(3, "BMS_Power", 500, [
        s("SOPCharge", 0, 16, 0.1, 0, 0, 6553.4, "kW", "quantity.sop.charge"),
        s("SOPDischarge", 16, 16, 0.1, 0, 0, 6553.4, "kW", "quantity.sop.discharge"),
        s("ChargerVoltage", 32, 16, 0.1, 0, 0, 6553.4, "V", "quantity.charger.voltage"),
        s("ChargerCurrent", 48, 16, 0.1, 0, 0, 6553.4, "A", "quantity.charger.current")],
        "State of power; charger output as the charger reports it on CAN2")
    message(4, "BMS_Supply", 1000, [
        s("KeyOnVoltage", 0, 16, 0.01, 0, 0, 655.34, "V", "quantity.voltage.keyon"),
        s("WakeUpVoltage", 16, 16, 0.01, 0, 0, 655.34, "V", "quantity.voltage.wakeup"),
        s("VCC", 32, 16, 0.01, 0, 0, 655.34, "V", "quantity.voltage.vcc"),
        s("ChargePortT1", 48, 8, 1, -40, -40, 214, "degC", "quantity.temperature.chargeport1"),
        s("ChargePortT2", 56, 8, 1, -40, -40, 214, "degC", "quantity.temperature.chargeport2")],
        "Board supplies (VCC should equal KeyOn and wake-up within 3 V) and charge port temperatures")
    message(5, "BMS_Insulation", 1000, [
        s("InsulationPositive", 0, 16, 1, 0, 0, 65534, "kOhm", "quantity.insulation.positive"),
        s("InsulationNegative", 16, 16, 1, 0, 0, 65534, "kOhm", "quantity.insulation.negative"),
        s("CellCount", 32, 8, 1, 0, 0, 254, "", "pack.cellCount"),
        s("BmuCount", 40, 8, 1, 0, 0, 254, "", "quantity.modules.bmu"),
        s("Model", 48, 8, 1, 0, 0, 254, "", "device.model", names=[(16, "BI5116"), (32, "BI5132"), (48, "BI5148")]),
        s("Chemistry", 56, 8, 1, 0, 0, 254, "", "pack.chemistry", names=[(0, "LFP"), (1, "NMC"), (2, "LTO")])],
        "Insulation resistance, cascade size, model (cells per BIU), chemistry")
    relays = [s(k, i, 1, 1, 0, 0, 1, "", "flag.RELAY." + k) for i, (k, _) in enumerate(RELAYS)]
    inputs = [s("In_" + k, 8 + i, 1, 1, 0, 0, 1, "", "flag.INPUT." + k) for i, (k, _) in enumerate(INPUTS)]
    status = [s(k, 16 + i, 1, 1, 0, 0, 1, "", "flag.STATUS." + k) for i, k in enumerate(["DSGEN", "CHGEN", "DSGNG", "CHGNG"])]
    faults = [s("Fault_" + k, 24 + i, 1, 1, 0, 0, 1, "", "flag.FAULT." + k) for i, (k, _) in enumerate(FAULTS)]
    message(6, "BMS_RelaysInputs", 100, relays + inputs + status + faults,
            "Relay outputs RL1-RL8, digital inputs, switch states, major faults")
    alarms = [s("Alarm_" + k, 2 * i, 2, 1, 0, 0, 3, "", "flag.ALARM." + k) for i, (k, _) in enumerate(ALARMS)]
    protects = [s(k, 32 + i, 1, 1, 0, 0, 1, "", "flag.PROTECT." + k) for i, (k, _) in enumerate(PROTECTS)]
    message(7, "BMS_Alarms", 500, alarms + protects, "Alarm levels 0-3 and protection flags")
    topology = [s("ModuleIndex", 0, 8, 1, 0, 0, 255, "", None, mux="M")]
    for m in range(MODULES):
        topology += [s("Module%02dCells" % m, 8, 8, 1, 0, 0, 254, "", "module.%d.cells" % m, mux="m%d" % m),
                     s("Module%02dProbes" % m, 16, 8, 1, 0, 0, 254, "", "module.%d.probes" % m, mux="m%d" % m)]
    message(8, "BMS_Topology", 1000, topology, "Cells and probes per module: 0 = BIU, 1-10 = BMUs")
    cells = [s("CellPage", 0, 8, 1, 0, 0, 255, "", None, mux="M")]
    for c in range(MAX_CELLS):
        cells.append(s("Cell%03d" % (c + 1), 8 + 16 * (c % 3), 16, 0.001, 0, 0, 65.534, "V", "cell.%d.voltage" % (c + 1),
                       mux="m%d" % (c // 3)))
    message(16, "BMS_CellVoltages", 1000, cells, "Cell voltages, three per page: page n carries cells 3n+1..3n+3")
    temps = [s("TempPage", 0, 8, 1, 0, 0, 255, "", None, mux="M")]
    for t in range(MAX_PROBES):
        temps.append(s("T%03d" % (t + 1), 8 + 8 * (t % 7), 8, 1, -40, -40, 214, "degC", "temperature.%d" % (t + 1),
                       mux="m%d" % (t // 7)))
    message(17, "BMS_Temperatures", 1000, temps, "Cell temperatures, seven per page; 255 = probe not fitted")
    balance = [s("BalancePage", 0, 8, 1, 0, 0, 255, "", None, mux="M")]
    for c in range(MAX_CELLS):
        balance.append(s("Bal%03d" % (c + 1), 8 + (c % 56), 1, 1, 0, 0, 1, "", "cell.%d.balancing" % (c + 1),
                         mux="m%d" % (c // 56)))
    message(18, "BMS_Balancing", 1000, balance, "Balancing switches, 56 cells per page")
    lines += ['CM_ "JDI BI5116/BI5132/BI5148 broadcast on CAN1 (vehicle bus). BMS Workbench assumption; the vendor'
              ' publishes none. Signals with a BMSW_Field attribute are read by BMS Workbench.";']
    lines += comments
    lines += ['BA_DEF_ BO_  "GenMsgCycleTime" INT 0 65535;', 'BA_DEF_ SG_  "BMSW_Field" STRING ;',
              'BA_DEF_DEF_  "GenMsgCycleTime" 1000;', 'BA_DEF_DEF_  "BMSW_Field" "";']
    lines += attributes
    lines += values
    return "\n".join(lines) + "\n"


def fmt(v):
    return ("%d" % v) if float(v) == int(v) else repr(float(v))


if __name__ == "__main__":
    with open(os.path.join(OUT, "jdi-bi51.profile.json"), "w", encoding="utf-8") as f:
        json.dump(register_profile(), f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(OUT, "jdi-bi51.parameters.json"), "w", encoding="utf-8") as f:
        json.dump(parameters(), f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(OUT, "jdi-bi51.dbc"), "w", encoding="ascii", newline="\r\n") as f:
        f.write(dbc())
