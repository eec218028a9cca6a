package org.keybridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.keybridge.error.ErrorCode;

/** The small rules on their own: the token bucket, the Content-Type rule, the status map. */
class RequestRulesTest {
    @Test
    void tokenBucketAllowsTheBurstThenRefillsAtTheRatePerOrigin() {
        AtomicLong now = new AtomicLong();
        RateLimiter l = new RateLimiter(10, 20, now::get);
        for (int i = 0; i < 20; i++) assertThat(l.tryAcquire("https://a.example")).isTrue();
        assertThat(l.tryAcquire("https://a.example")).isFalse();
        assertThat(l.tryAcquire("https://b.example")).as("another origin has its own bucket").isTrue();
        now.addAndGet(99_000_000); // 0.099 s: not yet one request's worth
        assertThat(l.tryAcquire("https://a.example")).isFalse();
        now.addAndGet(1_000_000);
        assertThat(l.tryAcquire("https://a.example")).isTrue();
        assertThat(l.tryAcquire("https://a.example")).isFalse();
        now.addAndGet(60_000_000_000L); // a minute idle refills to the burst, not beyond
        int n = 0;
        while (l.tryAcquire("https://a.example")) n++;
        assertThat(n).isEqualTo(20);
    }

    @Test
    void onlyJsonWithAtMostCharsetUtf8IsJson() {
        for (String ok : new String[] {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
            "application/json; charset=\"utf-8\""}) {
            assertThat(RequestGuard.isJson(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-8; x=y", "application/jsonp",
            "application/json, text/plain", ""}) {
            assertThat(RequestGuard.isJson(bad)).as(bad).isFalse();
        }
    }

    @Test
    void everyErrorCodeHasAnErrorStatus() {
        for (ErrorCode c : ErrorCode.values()) assertThat(StatusCodes.of(c)).as(c.name()).isBetween(400, 599);
        assertThat(StatusCodes.of(ErrorCode.ORIGIN_NOT_ALLOWED)).isEqualTo(403);
        assertThat(StatusCodes.of(ErrorCode.CERTIFICATE_EXPIRED)).isEqualTo(422);
        assertThat(StatusCodes.of(ErrorCode.TOKEN_REMOVED)).isEqualTo(410);
        assertThat(StatusCodes.of(new HttpError(413, ErrorCode.BAD_REQUEST, "x"))).isEqualTo(413);
    }
}
