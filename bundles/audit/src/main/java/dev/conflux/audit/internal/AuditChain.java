package dev.conflux.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain the audit file's lines form. Each line names the link of the line before it ({@code prev}). A keyed line
 * ends with {@code "mac"}, the HMAC-SHA-256 (audit key) of the line without it; its link is that MAC. A line written
 * before the audit was keyed has no MAC; its link is its SHA-256. Once the keyed chain has started, every later line
 * must be keyed.
 */
final class AuditChain {

    private static final Pattern KEYED = Pattern.compile("^(.*),\"mac\":\"([0-9a-f]{64})\"}$");

    private AuditChain() {
    }

    /** The line to write: the entry's JSON with its MAC appended. */
    static String seal(String json, AuditKey key) {
        return json.substring(0, json.length() - 1) + ",\"mac\":\"" + key.mac(json) + "\"}";
    }

    static boolean keyed(String line) {
        return KEYED.matcher(line).matches();
    }

    /** What the next line's {@code prev} must be. */
    static String link(String line) {
        Matcher m = KEYED.matcher(line);
        return m.matches() ? m.group(2) : sha256(line);
    }

    /**
     * Checks every line, the checkpoint and (while running) the last link written: {@code OK: n entries, chain
     * intact …}, {@code BROKEN at …} naming the first line that does not fit, or {@code UNVERIFIABLE: …}.
     */
    static String verify(List<String> lines, AuditKey key, String keyProblem, Checkpoint checkpoint,
            String lastWritten) {
        String prev = "";
        long n = 0;
        long keyedFrom = 0;
        for (String line : lines) {
            n++;
            String seq;
            String linePrev;
            try {
                var fields = FileAuditLog.read(line);
                seq = fields.path("seq").asText();
                linePrev = fields.path("prev").asText(null);
            } catch (IllegalArgumentException e) {
                return "BROKEN at line " + n + ": unreadable (" + e.getMessage() + ")";
            }
            if (!prev.equals(linePrev)) {
                return "BROKEN at line " + n + " (entry " + seq + "): the line before it was changed or removed";
            }
            Matcher m = KEYED.matcher(line);
            if (m.matches()) {
                if (key == null) {
                    return "UNVERIFIABLE from line " + n + ": " + keyProblem;
                }
                keyedFrom = keyedFrom == 0 ? n : keyedFrom;
                if (!key.mac(m.group(1) + "}").equals(m.group(2))) {
                    return "BROKEN at line " + n + " (entry " + seq + "): the line was changed (its MAC does not match)";
                }
            } else if (keyedFrom > 0 || (checkpoint != null && n >= checkpoint.keyedFrom())) {
                return "BROKEN at line " + n + " (entry " + seq + "): the line has no MAC but the keyed chain started at"
                        + " line " + (keyedFrom > 0 ? keyedFrom : checkpoint.keyedFrom());
            }
            prev = link(line);
            if (checkpoint != null && n == checkpoint.entries() && !prev.equals(checkpoint.link())) {
                return "BROKEN at line " + n + " (entry " + seq + "): it is not the line checkpointed at "
                        + checkpoint.at() + " (lines were changed or removed)";
            }
        }
        if (checkpoint != null && n < checkpoint.entries()) {
            return "BROKEN at the end: " + n + " entries, but " + checkpoint.entries() + " were checkpointed at "
                    + checkpoint.at() + " (entries were removed)";
        }
        if (lastWritten != null && !prev.equals(lastWritten)) {
            return "BROKEN at the end: entries after line " + n + " were removed";
        }
        if (keyProblem != null) {
            return "UNVERIFIABLE: " + keyProblem + (n == 0 ? "" : "; the " + n + " lines check out, but removed"
                    + " entries cannot be ruled out");
        }
        String how;
        if (keyedFrom == 0) {
            how = n == 0 ? "" : " (no keyed entry yet: SHA-256 chain only)";
        } else if (keyedFrom == 1) {
            how = " (HMAC-SHA-256, keyed)";
        } else {
            how = "; entries before line " + keyedFrom + " predate the audit key (SHA-256 chain only), the keyed"
                    + " (HMAC-SHA-256) chain starts at line " + keyedFrom;
        }
        return "OK: " + n + " entries, chain intact" + how
                + (checkpoint == null ? "" : "; checkpoint of " + checkpoint.entries() + " entries at " + checkpoint.at());
    }

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
