package org.keybridge.doctor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a finding is: only errors make {@code doctor} exit non-zero. */
public enum Severity {
    OK, WARNING, ERROR;

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }
}
