package org.keybridge.skf;

/** An SKF function answered something other than SAR_OK. {@code retryCount} is set for PIN functions, else -1. */
public final class SkfException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String function;
    private final int rv;
    private final int retryCount;

    public SkfException(String function, int rv) { this(function, rv, -1); }

    public SkfException(String function, int rv, int retryCount) {
        super(function + " returned " + SAR.name(rv) + (retryCount >= 0 ? " (" + retryCount + " tries left)" : ""));
        this.function = function;
        this.rv = rv;
        this.retryCount = retryCount;
    }

    public String function() { return function; }

    public int rv() { return rv; }

    public int retryCount() { return retryCount; }

    /** The key went away, or its handle died with it. */
    public boolean deviceGone() { return rv == SAR.DEVICE_REMOVED || rv == SAR.INVALIDHANDLEERR; }
}
