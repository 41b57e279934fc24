package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment's {@code rateLimiting}: a token bucket per client address ({@code CLIENT_IP}) or
 * one for all ({@code TOTAL}), holding one second's worth of requests.
 */
final class RateLimiter {
    private final double rate;
    private final boolean perClient;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    private RateLimiter(double rate, boolean perClient) {
        this.rate = rate;
        this.perClient = perClient;
    }

    /** The limiter of a deployment spec, or null when it sets none. */
    static RateLimiter of(JsonNode spec) {
        JsonNode policy = spec.path("requestPolicies").path("rateLimiting");
        if (policy.isMissingNode()) {
            return null;
        }
        return new RateLimiter(policy.path("rateInRequestsPerSecond").asDouble(), "CLIENT_IP".equals(policy.path("rateKey").asText()));
    }

    /** Takes one request's token; false means refuse with 429. */
    boolean tryAcquire(String clientAddress) {
        double[] bucket = buckets.computeIfAbsent(perClient ? clientAddress : "*", k -> new double[]{rate, System.nanoTime()});
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket[0] = Math.min(rate, bucket[0] + (now - bucket[1]) / 1e9 * rate);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return true;
            }
            return false;
        }
    }
}
