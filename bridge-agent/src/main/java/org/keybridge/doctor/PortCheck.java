package org.keybridge.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
import org.keybridge.error.ErrorCode;

/**
 * The localhost bridge's port: free, held by a KeyBridge agent (it answers a request without an Origin with its own
 * JSON error, ORIGIN_NOT_ALLOWED), or held by something else.
 */
final class PortCheck {
    final Finding finding;

    PortCheck(DoctorSettings s) {
        DoctorTexts t = s.texts();
        int port = s.config().bridgePort();
        Map<String, String> d = Map.of("port", String.valueOf(port));
        if (free(port)) finding = t.finding("bridge.port", Severity.OK, "port.free", d, String.valueOf(port));
        else if (ours(port)) finding = t.finding("bridge.port", Severity.OK, "port.ours", d, String.valueOf(port));
        else finding = t.finding("bridge.port", Severity.ERROR, "port.taken", d, String.valueOf(port));
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean ours(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/v1/status").openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(2000);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("X-KeyBridge", "1");
            c.setDoOutput(true);
            c.getOutputStream().write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            InputStream body = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
            if (body == null) return false;
            JsonNode code = new ObjectMapper().readTree(body.readNBytes(64 * 1024)).path("error").path("code");
            return code.isTextual() && code.asText().equals(ErrorCode.ORIGIN_NOT_ALLOWED.name());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
