package io.marketswarm.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns keys and channel names into file names and back: bytes outside {@code [A-Za-z0-9._-]} of the UTF-8 form, and
 * a leading {@code .} (so no name is {@code .}, {@code ..}, hidden, or mistaken for a temporary file), become
 * {@code %XX} with upper-case hex. {@code decode(encode(s))} equals {@code s}. Stateless; any thread.
 */
final class FileNames {

    /** Longest encoded name accepted, leaving room for suffixes within the usual 255-byte file-name limit. */
    static final int MAX_ENCODED_LENGTH = 240;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    /**
     * @param name a key or channel, not empty.
     * @return the file name for {@code name}.
     * @throws IllegalArgumentException if {@code name} is empty or encodes to more than {@value #MAX_ENCODED_LENGTH}
     *                                  characters.
     */
    static String encode(final String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty name cannot be stored in a local directory");
        }
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        final StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            final int b = bytes[i] & 0xFF;
            if (isPlain(b) && !(i == 0 && b == '.')) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            }
        }
        if (out.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("name too long for a local directory (" + out.length()
                + " characters encoded, at most " + MAX_ENCODED_LENGTH + "): " + name);
        }
        return out.toString();
    }

    /**
     * @param fileName a name made by {@link #encode}.
     * @return the original key or channel.
     * @throws IllegalArgumentException if {@code fileName} holds a malformed {@code %} escape.
     */
    static String decode(final String fileName) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            final char c = fileName.charAt(i);
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i + 2 >= fileName.length()) {
                throw new IllegalArgumentException("truncated escape in file name " + fileName);
            }
            final int high = Character.digit(fileName.charAt(i + 1), 16);
            final int low = Character.digit(fileName.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("bad escape in file name " + fileName);
            }
            out.write(high << 4 | low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isPlain(final int b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '.' || b == '_'
            || b == '-';
    }
}
