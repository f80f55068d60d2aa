package org.bmsw.schema.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.bmsw.device.api.LocalizedText;

/** Strict UTF-8 decoding that says where and why a file is not UTF-8. */
public final class Utf8 {

    /** Not UTF-8, with the place (line, column; -1 when not applicable). */
    public static final class NotUtf8 extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final transient LocalizedText text;

        NotUtf8(int line, int column, LocalizedText text) {
            super(text.english());
            this.line = line;
            this.column = column;
            this.text = text;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public LocalizedText text() {
            return text;
        }
    }

    private Utf8() {
    }

    /** Decodes strictly; a UTF-8 byte order mark is skipped, UTF-16/32 ones are refused with their name. */
    public static String decode(byte[] bytes) throws NotUtf8 {
        int n = bytes.length;
        if (n >= 4 && (bytes[0] & 0xFF) == 0 && (bytes[1] & 0xFF) == 0 && (bytes[2] & 0xFF) == 0xFE && (bytes[3] & 0xFF) == 0xFF) {
            throw wrongEncoding("UTF-32 (big-endian) byte order mark");
        }
        if (n >= 4 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE && bytes[2] == 0 && bytes[3] == 0) {
            throw wrongEncoding("UTF-32 (little-endian) byte order mark");
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            throw wrongEncoding("UTF-16 (big-endian) byte order mark FE FF");
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            throw wrongEncoding("UTF-16 (little-endian) byte order mark FF FE");
        }
        int start = 0;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (n - start >= 2 && (bytes[start] == 0 || bytes[start + 1] == 0)) {
            throw new NotUtf8(1, 1, LocalizedText.of(
                    "the file looks like UTF-16 or UTF-32 without a byte order mark (it has zero bytes); save it as UTF-8",
                    "文件看起来是没有字节顺序标记的 UTF-16 或 UTF-32 编码（含零字节）；请另存为 UTF-8"));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, n - start);
        CharBuffer out = CharBuffer.allocate(n - start + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            String before;
            try {
                before = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, offset - start)).toString();
            } catch (CharacterCodingException e) {
                before = "";
            }
            int line = 1;
            int lastNl = -1;
            for (int i = 0; i < before.length(); i++) {
                if (before.charAt(i) == '\n') {
                    line++;
                    lastNl = i;
                }
            }
            int column = before.length() - lastNl;
            String hex = String.format("0x%02X", bytes[offset] & 0xFF);
            throw new NotUtf8(line, column, LocalizedText.of(
                    "the file is not valid UTF-8 at line " + line + ", column " + column + " (byte " + hex + " at offset "
                            + offset + "); save it as UTF-8 (it may be in GBK or Latin-1)",
                    "文件在第 " + line + " 行第 " + column + " 列不是有效的 UTF-8 编码（偏移 " + offset + " 处的字节 " + hex
                            + "）；请另存为 UTF-8（可能是 GBK 或 Latin-1 编码）"));
        }
        out.flip();
        return out.toString();
    }

    private static NotUtf8 wrongEncoding(String what) {
        return new NotUtf8(-1, -1, LocalizedText.of(
                "the file is not UTF-8: it starts with a " + what + "; save it as UTF-8",
                "文件不是 UTF-8 编码：开头是 " + what + "；请另存为 UTF-8"));
    }
}
