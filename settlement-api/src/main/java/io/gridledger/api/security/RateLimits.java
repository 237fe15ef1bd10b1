package io.gridledger.api.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token buckets per caller (token subject, or address when unauthenticated) and per meter (writes
 * to one meter's account or device): a caller or a device that sends too much gets 429 with
 * {@code Retry-After} and changes nothing. Buckets live in memory, so with several instances each
 * enforces its own share.
 */
public class RateLimits extends OncePerRequestFilter {

    private static final Pattern METER_PATH = Pattern.compile("^/api/v1/(?:meters|devices)/([^/]+)(?:/.*)?$");
    private static final int MAX_BUCKETS = 200_000;

    private final SecurityProperties.RateLimit limits;
    private final ApiProblems problems;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Counter refused;

    public RateLimits(SecurityProperties.RateLimit limits, ApiProblems problems, MeterRegistry registry) {
        this.limits = limits;
        this.problems = problems;
        this.refused = Counter.builder("gridledger.security.rate_limited")
                .description("requests refused with 429 because a caller or meter sent too many").register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = Caller.of(SecurityContextHolder.getContext().getAuthentication())
                .map(c -> "caller:" + c.subject()).orElse("address:" + request.getRemoteAddr());
        boolean allowed = take(caller, limits.perCallerPerSecond(), limits.perCallerBurst());
        Matcher meter = METER_PATH.matcher(request.getRequestURI());
        if (allowed && meter.matches() && !"GET".equals(request.getMethod())) {
            allowed = take("meter:" + meter.group(1), limits.perMeterPerSecond(), limits.perMeterBurst());
        }
        if (!allowed) {
            refused.increment();
            response.setHeader("Retry-After", "1");
            problems.write(response, 429, "rate-limited", "Too many requests",
                    "slow down: at most " + limits.perCallerPerSecond() + " requests per second per caller and "
                            + limits.perMeterPerSecond() + " writes per second per meter", "Authorization");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean take(String key, int perSecond, int burst) {
        if (buckets.size() > MAX_BUCKETS) {
            long now = System.nanoTime();
            buckets.entrySet().removeIf(e -> e.getValue().idleSince(now, burst, perSecond));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst)).take(perSecond, burst);
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        synchronized boolean take(int perSecond, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean idleSince(long now, int burst, int perSecond) {
            return tokens + (now - refilledAt) / 1e9 * perSecond >= burst;
        }
    }
}
