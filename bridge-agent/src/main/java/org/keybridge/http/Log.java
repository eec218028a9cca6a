package org.keybridge.http;

/** Header values go into log lines: keep them short and printable so a request cannot forge log lines. */
final class Log {
    private Log() {}

    static String clean(String s) {
        if (s == null) return "-";
        String t = s.length() > 120 ? s.substring(0, 120) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
