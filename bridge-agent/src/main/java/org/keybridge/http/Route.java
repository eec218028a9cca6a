package org.keybridge.http;

/** The bridge's paths (protocol v1) and the one method each accepts; matched exactly. */
enum Route {
    STATUS("/v1/status", "POST"),
    CERTIFICATES("/v1/certificates", "POST"),
    AUTHENTICATE("/v1/authenticate", "POST"),
    BIND_CERTIFICATE("/v1/bind-certificate", "POST"),
    EVENTS("/v1/events", "GET");

    final String path;
    final String method;

    Route(String path, String method) {
        this.path = path;
        this.method = method;
    }

    static Route of(String path) {
        for (Route r : values()) if (r.path.equals(path)) return r;
        return null;
    }
}
