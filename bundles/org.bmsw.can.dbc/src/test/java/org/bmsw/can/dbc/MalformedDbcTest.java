package org.bmsw.can.dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every defect is reported with the line and column where it is, and what was expected there. */
class MalformedDbcTest {

    private static final String GOOD = String.join("\n",
            "VERSION \"\"",                                                        // 1
            "BU_: BMS VCU",                                                        // 2
            "BO_ 256 Pack: 8 BMS",                                                 // 3
            " SG_ Voltage : 0|16@1+ (0.1,0) [0|6553.5] \"V\" VCU",                 // 4
            " SG_ Current : 16|16@1- (0.1,0) [-3276.8|3276.7] \"A\" VCU",          // 5
            "BO_ 257 Cells: 8 BMS",                                                // 6
            " SG_ Page M : 0|8@1+ (1,0) [0|255] \"\" VCU",                          // 7
            " SG_ Cell1 m0 : 8|16@1+ (0.001,0) [0|65.535] \"V\" VCU",              // 8
            "CM_ SG_ 256 Voltage \"pack voltage\";",                               // 9
            "BA_DEF_ BO_ \"GenMsgCycleTime\" INT 0 65535;",                        // 10
            "BA_ \"GenMsgCycleTime\" BO_ 256 100;",                                // 11
            "VAL_ 257 Page 0 \"cells 1-3\" ;",                                     // 12
            "");

    /** The good file with {@code line} replaced. */
    private static String with(int line, String replacement) {
        String[] lines = GOOD.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    @ParameterizedTest(name = "line {0}: {3}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "4# ` SG_ Voltage : 0|16@2+ (0.1,0) [0|6553.5] \"V\" VCU`# 21# byte order must be 1 (Intel) or 0 (Motorola), found '2'",
            "4# ` SG_ Voltage : 0|16@1* (0.1,0) [0|6553.5] \"V\" VCU`# 22# unexpected character '*'",
            "4# ` SG_ Voltage : 0|16@1+ (0.1;0) [0|6553.5] \"V\" VCU`# 28# expected ',' between factor and offset, found ';'",
            "4# ` SG_ Voltage 0|16@1+ (0.1,0) [0|6553.5] \"V\" VCU`# 14# expected ':' after signal Voltage, found '0'",
            "4# ` SG_ Voltage : 60|16@1+ (0.1,0) [0|6553.5] \"V\" VCU`# 16# signal Voltage (60|16@1) runs past the end of message Pack (8 bytes)",
            "4# ` SG_ Voltage : 64|8@1+ (0.1,0) [0|6553.5] \"V\" VCU`# 16# start bit 64 of signal Voltage lies outside message Pack (8 bytes, bits 0..63)",
            "4# ` SG_ Voltage : 0|0@1+ (0.1,0) [0|6553.5] \"V\" VCU`# 18# signal Voltage is 0 bits long; 1..64 are possible",
            "4# ` SG_ Voltage : 0|16@1+ (0,0) [0|6553.5] \"V\" VCU`# 25# factor of signal Voltage must not be 0",
            "4# ` SG_ Voltage : 0|16@1+ (0.1,0) [0|6553.5] \"V VCU`# 43# the string \"V VCU\" is not closed on its line (missing '\"')",
            "4# ` SG_ Voltage : 0|16@1+ (0.1,0) [0|6553.5] V VCU`# 43# expected the unit in quotes (\"\" for none), found 'V'",
            "4# ` SG_ Voltage x : 0|16@1+ (0.1,0) [0|6553.5] \"V\" VCU`# 14# expected ':' or a multiplexer indicator (M, m<value>, m<value>M) after signal Voltage, found 'x'",
            "5# ` SG_ Voltage : 16|16@1- (0.1,0) [-3276.8|3276.7] \"A\" VCU`# 2# signal Voltage appears twice in message Pack (first on line 4)",
            "6# `BO_ 256 Cells: 8 BMS`# 5# message id 0x100 is already used by message Pack (line 3)",
            "6# `BO_ 257 Cells: 9 BMS`# 16# message length 9 is not 0..8 bytes (CAN FD is not supported)",
            "6# `BO_ 4096 Cells: 8 BMS`# 5# message id 4096 is not a valid 11-bit identifier (extended ids carry bit 31, e.g. 2147483648 + id)",
            "7# ` SG_ Page : 0|8@1+ (1,0) [0|255] \"\" VCU`# 2# multiplexed signal Cell1 of message Cells has no multiplexer switch (M) in its message",
            "9# `CM_ SG_ 256 Volts \"pack voltage\";`# 13# message Pack has no signal Volts",
            "9# `CM_ SG_ 999 Voltage \"pack voltage\";`# 9# no message with id 999 (BO_ 999 is not in the file)",
            "9# `CM_ SG_ 256 Voltage \"pack voltage\"`# 1# expected ';' at the end of the comment, found 'BA_DEF_'",
            "11# `BA_ \"CycleTime\" BO_ 256 100;`# 5# attribute \"CycleTime\" is not declared by a BA_DEF_",
            "11# `BA_ \"GenMsgCycleTime\" BO_ 256 \"fast\";`# 31# expected a number for attribute \"GenMsgCycleTime\" (INT), found the string \"fast\"",
            "11# `BA_ \"GenMsgCycleTime\" SG_ 256 Voltage 100;`# 23# attribute \"GenMsgCycleTime\" is declared for MESSAGE, not for SIGNAL",
            "12# `VAL_ 257 Page 0 cells ;`# 17# expected the description of raw value 0, found 'cells'",
            "12# `VALUE_ 257 Page 0 \"x\" ;`# 1# unknown keyword 'VALUE_'",
            "8# ` SG_ Cell1 m0 : 8|16@1+ (0.001,0) [0|65.535] \"V\" ,VCU`# 50# expected the receiving node (Vector__XXX for none), found ','",
    })
    void defectsAreReportedWithLineAndColumn(int line, String replacement, int column, String problem) {
        DbcFormatException e = assertThrows(DbcFormatException.class, () -> Dbc.parse("bms.dbc", with(line, replacement)));
        assertEquals(problem, e.problem());
        int expectedLine = problem.startsWith("expected ';' at the end of the comment") ? line + 1
                : problem.startsWith("multiplexed signal") ? line + 1 : line;
        assertEquals(expectedLine, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bms.dbc line " + expectedLine + ", column " + column + ": "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "`SG_ Lonely : 0|8@1+ (1,0) [0|255] \"\" VCU`# 1# SG_ before any BO_: a signal must follow its message",
            "`BO_ 1 X: 8 BMS\n SIG_GROUP_ 1 G 1 : A`# 2# SIG_GROUP_ is not closed by ';'",
            "`42`# 1# expected a keyword (BO_, SG_, CM_, BA_, VAL_ ...) at the start of a statement, found '42'",
    }, quoteCharacter = '`')
    void statementsOutOfPlace(String text, int line, String problem) {
        DbcFormatException e = assertThrows(DbcFormatException.class, () -> Dbc.parse("x.dbc", text));
        assertEquals(problem, e.problem());
        assertEquals(line, e.line());
    }

    @Test
    void theGoodFileParses() throws Exception {
        assertEquals(2, Dbc.parse("bms.dbc", GOOD).messages().size());
    }
}
