package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The text form of a key ring setting ({@code IAMKIT_AUDIT_KEYS}, {@code IAMKIT_MASTER_KEYS}):
 * comma-separated {@code <id>:<standard base64 key>} entries, white space around them ignored.
 * Messages name entries by position and never repeat what the text holds.
 */
final class KeyRingText {
    /** One entry: its position's name ("entry 2"), id and key bytes. */
    record Entry(String which, String id, byte[] key) {
    }

    private KeyRingText() {
    }

    /** The entries of a non-blank {@code text}. @throws ConfigurationException naming {@code setting} and the entry */
    static List<Entry> parse(String setting, String text) {
        List<Entry> parsed = new ArrayList<>();
        String[] entries = text.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String which = "entry " + (i + 1);
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new ConfigurationException(setting + ": " + which + " is not <id>:<base64 key>");
            }
            try {
                parsed.add(new Entry(which, entry.substring(0, colon).strip(), Base64.getDecoder().decode(entry.substring(colon + 1).strip())));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(setting + ": the key of " + which + " is not standard base64");
            }
        }
        return parsed;
    }
}
