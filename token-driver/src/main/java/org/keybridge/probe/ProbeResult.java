package org.keybridge.probe;

import java.util.List;

/**
 * What a module probe found. When {@code ok} is false, {@code stage} names the step that failed (load,
 * C_GetFunctionList, C_Initialize, C_GetInfo, C_GetSlotList, C_Finalize, crash, timeout) and {@code error} says how.
 *
 * @param cryptokiVersion the PKCS#11 version the module implements ("2.40"), null if not reached
 * @param libraryVersion the module's own version ("2.6"), compared with the catalog's known-bad list
 * @param tokenLabels labels of the tokens present (for the doctor's report; no serial numbers)
 * @param exitStatus the child's exit status (128+N: killed by signal N, e.g. 139 = segmentation fault)
 */
public record ProbeResult(String library, boolean ok, String stage, String error, String cryptokiVersion,
                          String manufacturer, String description, String libraryVersion, int slots,
                          List<String> tokenLabels, int exitStatus, long millis) {
    public ProbeResult {
        tokenLabels = tokenLabels == null ? List.of() : List.copyOf(tokenLabels);
    }

    /** The child died from a signal (a crash inside the vendor's library), not from a reported error. */
    public boolean crashed() { return "crash".equals(stage); }
}
