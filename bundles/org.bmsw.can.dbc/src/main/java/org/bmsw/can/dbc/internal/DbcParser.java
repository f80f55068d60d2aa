package org.bmsw.can.dbc.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bmsw.can.dbc.AttributeDefinition;
import org.bmsw.can.dbc.AttributeDefinition.ObjectType;
import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.DbcMessage.MultiplexCondition;
import org.bmsw.can.dbc.DbcSignal;
import org.bmsw.can.dbc.DbcSignal.ByteOrder;
import org.bmsw.can.dbc.DbcSignal.MultiplexRole;
import org.bmsw.can.dbc.DbcSignal.ValueType;
import org.bmsw.can.dbc.internal.DbcTokenizer.Kind;
import org.bmsw.can.dbc.internal.DbcTokenizer.Token;

/**
 * Reads DBC text statement by statement. Messages, signals, value descriptions, comments, attributes, float
 * value types and extended multiplexing are interpreted; the other standard sections are read up to their
 * {@code ;} and skipped; anything else is an error naming its line and column.
 */
public final class DbcParser {

    private static final long EXTENDED_FLAG = 0x8000_0000L;
    private static final Pattern MULTIPLEX = Pattern.compile("M|m(\\d+)(M?)");
    /** Standard sections this parser reads past. */
    private static final Set<String> SKIPPED = Set.of("VAL_TABLE_", "BO_TX_BU_", "EV_", "ENVVAR_DATA_", "SGTYPE_",
            "SGTYPE_VAL_", "SIG_GROUP_", "SIG_TYPE_REF_", "BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "BA_DEF_SGTYPE_",
            "BA_SGTYPE_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "CAT_DEF_", "CAT_", "FILTER", "EV_DATA_",
            "SIG_VALTYPE_REL_");

    private final String source;
    private final String text;
    private List<Token> tokens;
    private int next;

    private String version = "";
    private final List<String> nodes = new ArrayList<>();
    private final List<MessageBuilder> messages = new ArrayList<>();
    private final Map<Long, MessageBuilder> messagesByDbcId = new HashMap<>();
    private MessageBuilder current;
    private String networkComment = "";
    private final Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, Object> defaults = new HashMap<>();
    private final Map<String, Object> networkAttributes = new HashMap<>();

    public DbcParser(String source, String text) {
        this.source = source;
        this.text = text;
    }

    private static final class MessageBuilder {
        long dbcId;
        int id;
        boolean extended;
        String name;
        int length;
        String transmitter;
        int line;
        final List<SignalBuilder> signals = new ArrayList<>();
        final Map<String, SignalBuilder> byName = new LinkedHashMap<>();
        String comment = "";
        final Map<String, Object> attributes = new HashMap<>();
    }

    private static final class SignalBuilder {
        String name;
        int line;
        int column;
        int startBit;
        int length;
        ByteOrder byteOrder;
        boolean signed;
        ValueType valueType = ValueType.INTEGER;
        double factor;
        double offset;
        double minimum;
        double maximum;
        String unit;
        List<String> receivers;
        MultiplexRole role = MultiplexRole.NONE;
        Integer multiplexValue;
        String explicitSwitch;
        final List<long[]> explicitRanges = new ArrayList<>();
        final Map<Long, String> values = new TreeMap<>();
        String comment = "";
        final Map<String, Object> attributes = new HashMap<>();
    }

    public Dbc parse() throws DbcFormatException {
        tokens = DbcTokenizer.tokenize(source, text);
        next = 0;
        while (peek().kind() != Kind.END) {
            Token keyword = take();
            if (keyword.kind() != Kind.IDENT) {
                throw error(keyword, "expected a keyword (BO_, SG_, CM_, BA_, VAL_ ...) at the start of a statement, found "
                        + keyword.shown());
            }
            switch (keyword.text()) {
                case "VERSION" -> version = expectLineString("the version text in quotes").text();
                case "NS_" -> newSymbols(keyword);
                case "BS_" -> restOfLine(expectPunct(":", "after BS_"));
                case "BU_" -> nodes(keyword);
                case "BO_" -> message(keyword);
                case "SG_" -> signal(keyword);
                case "CM_" -> comment();
                case "BA_DEF_" -> attributeDefinition();
                case "BA_DEF_DEF_" -> attributeDefault();
                case "BA_" -> attribute();
                case "VAL_" -> valueDescriptions();
                case "SIG_VALTYPE_" -> valueType();
                case "SG_MUL_VAL_" -> multiplexValues();
                default -> {
                    if (!SKIPPED.contains(keyword.text())) {
                        throw error(keyword, "unknown keyword '" + keyword.text() + "'");
                    }
                    skipStatement(keyword);
                }
            }
        }
        return build();
    }

    // ------------------------------------------------------------------ statements

    /** {@code NS_ :} followed by an indented list of keywords. */
    private void newSymbols(Token keyword) throws DbcFormatException {
        expectPunct(":", "after NS_");
        while (peek().kind() != Kind.END && (peek().line() == keyword.line() || peek().column() > 1)) {
            take();
        }
    }

    private void nodes(Token keyword) throws DbcFormatException {
        Token colon = expectPunct(":", "after BU_");
        while (peek().kind() == Kind.IDENT && peek().line() == colon.line()) {
            nodes.add(take().text());
        }
    }

    /** {@code BO_ <id> <name>: <dlc> <transmitter>} */
    private void message(Token keyword) throws DbcFormatException {
        MessageBuilder m = new MessageBuilder();
        m.line = keyword.line();
        Token idToken = peek();
        m.dbcId = integer("the message id");
        m.extended = (m.dbcId & EXTENDED_FLAG) != 0;
        long id = m.dbcId & ~EXTENDED_FLAG;
        if (m.dbcId < 0 || m.dbcId > 0xFFFF_FFFFL || id > (m.extended ? 0x1FFF_FFFFL : 0x7FFL)) {
            throw error(idToken, "message id " + m.dbcId + " is not a valid " + (m.extended ? "29-bit" : "11-bit")
                    + " identifier (extended ids carry bit 31, e.g. 2147483648 + id)");
        }
        m.id = (int) id;
        m.name = expect(Kind.IDENT, "the message name").text();
        expectPunct(":", "after the message name");
        Token lengthToken = peek();
        long length = integer("the message length (DLC)");
        if (length < 0 || length > 8) {
            throw error(lengthToken, "message length " + length + " is not 0..8 bytes (CAN FD is not supported)");
        }
        m.length = (int) length;
        m.transmitter = expect(Kind.IDENT, "the transmitting node").text();
        if (messagesByDbcId.containsKey(m.dbcId)) {
            throw error(idToken, "message id " + idText(m) + " is already used by message "
                    + messagesByDbcId.get(m.dbcId).name + " (line " + messagesByDbcId.get(m.dbcId).line + ")");
        }
        for (MessageBuilder other : messages) {
            if (other.name.equals(m.name)) {
                throw error(keyword, "message name " + m.name + " is already used (line " + other.line + ")");
            }
        }
        messages.add(m);
        messagesByDbcId.put(m.dbcId, m);
        current = m;
    }

    /** {@code SG_ <name> [M|mN|mNM] : <start>|<length>@<order><sign> (<factor>,<offset>) [<min>|<max>] "<unit>" <receivers>} */
    private void signal(Token keyword) throws DbcFormatException {
        if (current == null) {
            throw error(keyword, "SG_ before any BO_: a signal must follow its message");
        }
        SignalBuilder s = new SignalBuilder();
        s.line = keyword.line();
        s.column = keyword.column();
        s.name = expect(Kind.IDENT, "the signal name").text();
        if (peek().kind() == Kind.IDENT) {
            Token mux = take();
            Matcher matcher = MULTIPLEX.matcher(mux.text());
            if (!matcher.matches()) {
                throw error(mux, "expected ':' or a multiplexer indicator (M, m<value>, m<value>M) after signal "
                        + s.name + ", found " + mux.shown());
            }
            if (mux.text().equals("M")) {
                s.role = MultiplexRole.SWITCH;
            } else {
                s.multiplexValue = Integer.valueOf(matcher.group(1));
                s.role = matcher.group(2).isEmpty() ? MultiplexRole.MULTIPLEXED : MultiplexRole.MULTIPLEXED_SWITCH;
            }
        }
        expectPunct(":", "after signal " + s.name);
        Token startToken = peek();
        s.startBit = (int) integer("the start bit");
        expectPunct("|", "between start bit and length");
        Token lengthToken = peek();
        s.length = (int) integer("the signal length in bits");
        expectPunct("@", "before the byte order");
        Token order = take();
        if (order.kind() == Kind.NUMBER && order.text().equals("1")) {
            s.byteOrder = ByteOrder.INTEL;
        } else if (order.kind() == Kind.NUMBER && order.text().equals("0")) {
            s.byteOrder = ByteOrder.MOTOROLA;
        } else {
            throw error(order, "byte order must be 1 (Intel) or 0 (Motorola), found " + order.shown());
        }
        Token sign = take();
        if (!sign.is("+") && !sign.is("-")) {
            throw error(sign, "expected '+' (unsigned) or '-' (signed) after the byte order, found " + sign.shown());
        }
        s.signed = sign.is("-");
        expectPunct("(", "before factor and offset");
        Token factorToken = peek();
        s.factor = number("the factor");
        if (s.factor == 0) {
            throw error(factorToken, "factor of signal " + s.name + " must not be 0");
        }
        expectPunct(",", "between factor and offset");
        s.offset = number("the offset");
        expectPunct(")", "after the offset");
        expectPunct("[", "before minimum and maximum");
        s.minimum = number("the minimum");
        expectPunct("|", "between minimum and maximum");
        s.maximum = number("the maximum");
        expectPunct("]", "after the maximum");
        s.unit = expectLineString("the unit in quotes (\"\" for none)").text();
        s.receivers = new ArrayList<>();
        Token receiver = expect(Kind.IDENT, "the receiving node (Vector__XXX for none)");
        s.receivers.add(receiver.text());
        while (peek().is(",")) {
            take();
            s.receivers.add(expect(Kind.IDENT, "a receiving node after ','").text());
        }
        if (s.length < 1 || s.length > 64) {
            throw error(lengthToken, "signal " + s.name + " is " + s.length + " bits long; 1..64 are possible");
        }
        int bits = current.length * 8;
        if (s.startBit < 0 || s.startBit >= Math.max(bits, 1)) {
            throw error(startToken, "start bit " + s.startBit + " of signal " + s.name + " lies outside message "
                    + current.name + " (" + current.length + " bytes, bits 0.." + (bits - 1) + ")");
        }
        if (!fits(s, bits)) {
            throw error(startToken, "signal " + s.name + " (" + s.startBit + "|" + s.length + "@"
                    + (s.byteOrder == ByteOrder.INTEL ? "1" : "0") + ") runs past the end of message " + current.name
                    + " (" + current.length + " bytes)");
        }
        if (current.byName.containsKey(s.name)) {
            throw error(keyword, "signal " + s.name + " appears twice in message " + current.name + " (first on line "
                    + current.byName.get(s.name).line + ")");
        }
        current.signals.add(s);
        current.byName.put(s.name, s);
    }

    private static boolean fits(SignalBuilder s, int bits) {
        if (s.byteOrder == ByteOrder.INTEL) {
            return s.startBit + s.length <= bits;
        }
        int position = s.startBit;
        for (int i = 1; i < s.length; i++) {
            position = position % 8 == 0 ? position + 15 : position - 1;
        }
        return position < bits;
    }

    /** {@code CM_ [BU_ n | BO_ id | SG_ id sig | EV_ n] "text";} */
    private void comment() throws DbcFormatException {
        Token target = peek();
        if (target.kind() == Kind.STRING) {
            networkComment = take().text();
        } else if (target.is("BO_")) {
            take();
            MessageBuilder m = messageById();
            m.comment = expect(Kind.STRING, "the comment in quotes").text();
        } else if (target.is("SG_")) {
            take();
            SignalBuilder s = signalOf(messageById());
            s.comment = expect(Kind.STRING, "the comment in quotes").text();
        } else if (target.is("BU_") || target.is("EV_")) {
            take();
            expect(Kind.IDENT, "the node or variable name");
            expect(Kind.STRING, "the comment in quotes");
        } else {
            throw error(target, "expected a comment (\"...\") or BU_, BO_, SG_, EV_ after CM_, found " + target.shown());
        }
        expectPunct(";", "at the end of the comment");
    }

    /** {@code BA_DEF_ [BU_|BO_|SG_|EV_] "name" INT|HEX|FLOAT min max | STRING | ENUM "a","b";} */
    private void attributeDefinition() throws DbcFormatException {
        ObjectType objectType = ObjectType.NETWORK;
        Token kind = peek();
        if (kind.kind() == Kind.IDENT) {
            objectType = objectType(take());
        }
        Token nameToken = expectLineString("the attribute name in quotes");
        Token type = expect(Kind.IDENT, "the attribute type (INT, HEX, FLOAT, STRING, ENUM)");
        List<String> enumValues = new ArrayList<>();
        switch (type.text()) {
            case "INT", "HEX", "FLOAT" -> {
                number("the attribute's minimum");
                number("the attribute's maximum");
            }
            case "STRING" -> {
                // no range
            }
            case "ENUM" -> {
                if (peek().kind() == Kind.STRING) {
                    enumValues.add(take().text());
                    while (peek().is(",")) {
                        take();
                        enumValues.add(expectLineString("an enumeration value in quotes").text());
                    }
                }
            }
            default -> throw error(type, "attribute type must be INT, HEX, FLOAT, STRING or ENUM, found " + type.shown());
        }
        expectPunct(";", "at the end of BA_DEF_");
        definitions.put(nameToken.text(), new AttributeDefinition(nameToken.text(), objectType, type.text(),
                enumValues, null));
    }

    private ObjectType objectType(Token token) throws DbcFormatException {
        return switch (token.text()) {
            case "BU_" -> ObjectType.NODE;
            case "BO_" -> ObjectType.MESSAGE;
            case "SG_" -> ObjectType.SIGNAL;
            case "EV_" -> ObjectType.ENVIRONMENT_VARIABLE;
            default -> throw error(token, "expected BU_, BO_, SG_ or EV_, found " + token.shown());
        };
    }

    /** {@code BA_DEF_DEF_ "name" value;} */
    private void attributeDefault() throws DbcFormatException {
        Token name = expectLineString("the attribute name in quotes");
        AttributeDefinition definition = definitions.get(name.text());
        if (definition == null) {
            throw error(name, "default for attribute \"" + name.text() + "\", which no BA_DEF_ declares");
        }
        Object value = attributeValue(definition);
        expectPunct(";", "at the end of BA_DEF_DEF_");
        defaults.put(name.text(), value);
    }

    /** {@code BA_ "name" [BU_ n | BO_ id | SG_ id sig | EV_ n] value;} */
    private void attribute() throws DbcFormatException {
        Token name = expectLineString("the attribute name in quotes");
        AttributeDefinition definition = definitions.get(name.text());
        if (definition == null) {
            throw error(name, "attribute \"" + name.text() + "\" is not declared by a BA_DEF_");
        }
        Token target = peek();
        Map<String, Object> into = networkAttributes;
        ObjectType expected = ObjectType.NETWORK;
        if (target.is("BO_")) {
            take();
            into = messageById().attributes;
            expected = ObjectType.MESSAGE;
        } else if (target.is("SG_")) {
            take();
            into = signalOf(messageById()).attributes;
            expected = ObjectType.SIGNAL;
        } else if (target.is("BU_") || target.is("EV_")) {
            take();
            expect(Kind.IDENT, "the node or variable name");
            into = new HashMap<>();
            expected = target.is("BU_") ? ObjectType.NODE : ObjectType.ENVIRONMENT_VARIABLE;
        }
        if (definition.objectType() != expected) {
            throw error(target, "attribute \"" + name.text() + "\" is declared for " + definition.objectType()
                    + ", not for " + expected);
        }
        into.put(name.text(), attributeValue(definition));
        expectPunct(";", "at the end of BA_");
    }

    /** A number for INT, HEX, FLOAT and ENUM (an index; a name is also accepted), a string for STRING. */
    private Object attributeValue(AttributeDefinition definition) throws DbcFormatException {
        Token value = take();
        if (value.kind() == Kind.STRING && (definition.valueType().equals("STRING") || definition.valueType().equals("ENUM"))) {
            return value.text();
        }
        if (value.kind() == Kind.NUMBER && !definition.valueType().equals("STRING")) {
            Object number = parseNumber(value);
            if (definition.valueType().equals("ENUM")) {
                int index = ((Double) number).intValue();
                if (index >= 0 && index < definition.enumValues().size()) {
                    return definition.enumValues().get(index);
                }
                throw error(value, "enumeration attribute \"" + definition.name() + "\" has no value number " + index);
            }
            return number;
        }
        throw error(value, "expected a " + (definition.valueType().equals("STRING") ? "string" : "number")
                + " for attribute \"" + definition.name() + "\" (" + definition.valueType() + "), found " + value.shown());
    }

    /** {@code VAL_ id sig 0 "a" 1 "b" ;} (value descriptions of environment variables are skipped). */
    private void valueDescriptions() throws DbcFormatException {
        if (peek().kind() == Kind.IDENT) {
            skipStatement(peek());
            return;
        }
        SignalBuilder s = signalOf(messageById());
        while (peek().kind() == Kind.NUMBER) {
            Token valueToken = peek();
            double value = number("a raw value");
            if (value != Math.rint(value)) {
                throw error(valueToken, "value description for a raw value that is not a whole number: " + valueToken.text());
            }
            s.values.put((long) value, expectLineString("the description of raw value " + valueToken.text()).text());
        }
        expectPunct(";", "at the end of VAL_ (raw value, then its description in quotes)");
    }

    /** {@code SIG_VALTYPE_ id sig : 1;} */
    private void valueType() throws DbcFormatException {
        SignalBuilder s = signalOf(messageById());
        expectPunct(":", "after the signal name in SIG_VALTYPE_");
        Token type = peek();
        long code = integer("the value type (0 integer, 1 float, 2 double)");
        s.valueType = switch ((int) code) {
            case 0 -> ValueType.INTEGER;
            case 1 -> ValueType.FLOAT32;
            case 2 -> ValueType.FLOAT64;
            default -> throw error(type, "value type must be 0 (integer), 1 (float) or 2 (double), found " + code);
        };
        int needed = s.valueType == ValueType.FLOAT32 ? 32 : s.valueType == ValueType.FLOAT64 ? 64 : s.length;
        if (s.length != needed) {
            throw error(type, "signal " + s.name + " is " + s.length + " bits; a " + s.valueType + " needs " + needed);
        }
        expectPunct(";", "at the end of SIG_VALTYPE_");
    }

    /** {@code SG_MUL_VAL_ id sig switch 0-0, 3-5;} (extended multiplexing). */
    private void multiplexValues() throws DbcFormatException {
        MessageBuilder m = messageById();
        SignalBuilder s = signalOf(m);
        Token switchToken = expect(Kind.IDENT, "the multiplexer switch name");
        if (!m.byName.containsKey(switchToken.text())) {
            throw error(switchToken, "message " + m.name + " has no signal " + switchToken.text());
        }
        s.explicitSwitch = switchToken.text();
        do {
            if (peek().is(",")) {
                take();
            }
            // "3-5" arrives as the number 3 and the number -5
            Token from = expect(Kind.NUMBER, "a value range such as 3-5");
            long low = Long.parseLong(from.text());
            long high;
            if (peek().kind() == Kind.NUMBER && peek().text().startsWith("-")) {
                high = -Long.parseLong(take().text());
            } else {
                expectPunct("-", "in the value range");
                high = integer("the end of the value range");
            }
            s.explicitRanges.add(new long[] {low, high});
        } while (peek().is(","));
        expectPunct(";", "at the end of SG_MUL_VAL_");
    }

    // ------------------------------------------------------------------ building

    private Dbc build() throws DbcFormatException {
        List<DbcMessage> built = new ArrayList<>();
        for (MessageBuilder m : messages) {
            built.add(buildMessage(m));
        }
        Map<String, AttributeDefinition> defs = new LinkedHashMap<>();
        definitions.forEach((name, d) -> defs.put(name, new AttributeDefinition(d.name(), d.objectType(), d.valueType(),
                d.enumValues(), defaults.get(name))));
        return new Dbc(source, version, nodes, built, networkComment, defs,
                withDefaults(networkAttributes, ObjectType.NETWORK));
    }

    private DbcMessage buildMessage(MessageBuilder m) throws DbcFormatException {
        List<SignalBuilder> switches = m.signals.stream().filter(s -> s.role == MultiplexRole.SWITCH).toList();
        Map<String, MultiplexCondition> conditions = new HashMap<>();
        List<DbcSignal> signals = new ArrayList<>();
        for (SignalBuilder s : m.signals) {
            if (s.role == MultiplexRole.MULTIPLEXED || s.role == MultiplexRole.MULTIPLEXED_SWITCH) {
                String switchName = s.explicitSwitch;
                List<long[]> ranges = s.explicitRanges.isEmpty() ? List.of(new long[] {s.multiplexValue, s.multiplexValue})
                        : s.explicitRanges;
                if (switchName == null) {
                    if (switches.size() != 1) {
                        throw new DbcFormatException(source, s.line, s.column, "multiplexed signal " + s.name
                                + " of message " + m.name + (switches.isEmpty() ? " has no multiplexer switch (M) in its message"
                                : " needs SG_MUL_VAL_ to say which of the " + switches.size() + " switches selects it"));
                    }
                    switchName = switches.get(0).name;
                }
                conditions.put(s.name, new MultiplexCondition(switchName, ranges));
            }
            signals.add(new DbcSignal(s.name, s.startBit, s.length, s.byteOrder, s.signed, s.valueType, s.factor,
                    s.offset, s.minimum, s.maximum, s.unit, s.receivers, s.role, s.multiplexValue, s.values, s.comment,
                    withDefaults(s.attributes, ObjectType.SIGNAL)));
        }
        return new DbcMessage(m.id, m.extended, m.name, m.length, m.transmitter, signals, conditions, m.comment,
                withDefaults(m.attributes, ObjectType.MESSAGE));
    }

    private Map<String, Object> withDefaults(Map<String, Object> explicit, ObjectType type) {
        Map<String, Object> all = new HashMap<>();
        definitions.forEach((name, d) -> {
            if (d.objectType() == type && defaults.containsKey(name)) {
                all.put(name, defaults.get(name));
            }
        });
        all.putAll(explicit);
        return all;
    }

    // ------------------------------------------------------------------ tokens

    private MessageBuilder messageById() throws DbcFormatException {
        Token idToken = peek();
        long dbcId = integer("a message id");
        MessageBuilder m = messagesByDbcId.get(dbcId);
        if (m == null) {
            throw error(idToken, "no message with id " + dbcId + " (BO_ " + dbcId + " is not in the file)");
        }
        return m;
    }

    private SignalBuilder signalOf(MessageBuilder m) throws DbcFormatException {
        Token name = expect(Kind.IDENT, "a signal name");
        SignalBuilder s = m.byName.get(name.text());
        if (s == null) {
            throw error(name, "message " + m.name + " has no signal " + name.text());
        }
        return s;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private Token expect(Kind kind, String what) throws DbcFormatException {
        Token token = take();
        if (token.kind() != kind) {
            throw error(token, "expected " + what + ", found " + token.shown());
        }
        return token;
    }

    /** A string that must not run over lines: a quote left open would otherwise swallow the lines after it. */
    private Token expectLineString(String what) throws DbcFormatException {
        Token token = expect(Kind.STRING, what);
        if (token.endLine() != token.line()) {
            throw error(token, "the string \"" + token.text().lines().findFirst().orElse("")
                    + "\" is not closed on its line (missing '\"')");
        }
        return token;
    }

    private Token expectPunct(String punct, String where) throws DbcFormatException {
        Token token = take();
        if (!(token.kind() == Kind.PUNCT && token.text().equals(punct))) {
            throw error(token, "expected '" + punct + "' " + where + ", found " + token.shown());
        }
        return token;
    }

    private double number(String what) throws DbcFormatException {
        return parseNumber(expect(Kind.NUMBER, what));
    }

    private Double parseNumber(Token token) throws DbcFormatException {
        try {
            return Double.valueOf(token.text());
        } catch (NumberFormatException e) {
            throw error(token, "'" + token.text() + "' is not a number");
        }
    }

    private long integer(String what) throws DbcFormatException {
        Token token = expect(Kind.NUMBER, what);
        try {
            return Long.parseLong(token.text().startsWith("+") ? token.text().substring(1) : token.text());
        } catch (NumberFormatException e) {
            throw error(token, "expected " + what + " as a whole number, found '" + token.text() + "'");
        }
    }

    private void restOfLine(Token after) {
        while (peek().kind() != Kind.END && peek().line() == after.line()) {
            take();
        }
    }

    private void skipStatement(Token keyword) throws DbcFormatException {
        while (!peek().is(";")) {
            if (peek().kind() == Kind.END) {
                throw error(keyword, keyword.text() + " is not closed by ';'");
            }
            take();
        }
        take();
    }

    private DbcFormatException error(Token token, String problem) {
        return new DbcFormatException(source, token.line(), token.column(), problem);
    }

    private static String idText(MessageBuilder m) {
        return m.extended ? String.format("0x%08X (extended)", m.id) : String.format("0x%03X", m.id);
    }
}
