package dev.ocifn.ocifake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an OCI request signature (draft-cavage HTTP signatures, as OCI profiles them) the way
 * the service does: the Authorization header's form, the headers the method must sign, the body
 * hash and length, the host, the date's age, and the RSA-SHA256 signature itself.
 */
public final class SignatureVerifier {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH);
    private static final List<String> GENERIC = List.of("(request-target)", "host");
    private static final List<String> BODY = List.of("content-length", "content-type", "x-content-sha256");

    private final TrustStore trust;
    private final Clock clock;
    private final Duration maxSkew;

    public SignatureVerifier(TrustStore trust, Clock clock, Duration maxSkew) {
        this.trust = trust;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /** A signature that does not hold, with the reason OCI's 401 would leave unsaid. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param method       the HTTP method
     * @param target       the raw path and query, exactly as sent
     * @param headers      the request headers, names in lower case
     * @param body         the body bytes (empty for none)
     * @param expectedHost the host (and port) the request must name; null to skip that check
     * @param bodyExcluded true for the calls whose body OCI leaves unsigned (PutObject, UploadPart)
     */
    public TrustStore.Principal verify(String method, String target, Map<String, List<String>> headers,
                                       byte[] body, String expectedHost, boolean bodyExcluded) throws Rejected {
        String authorization = first(headers, "authorization");
        if (authorization == null || !authorization.startsWith("Signature ")) {
            throw new Rejected("no Authorization: Signature header");
        }
        Map<String, String> params = new TreeMap<>();
        Matcher m = PARAM.matcher(authorization.substring("Signature ".length()));
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        if (!"1".equals(params.get("version"))) {
            throw new Rejected("version must be \"1\"");
        }
        if (!"rsa-sha256".equals(params.get("algorithm"))) {
            throw new Rejected("algorithm must be rsa-sha256");
        }
        for (String p : List.of("keyId", "headers", "signature")) {
            if (params.get(p) == null || params.get(p).isEmpty()) {
                throw new Rejected("Authorization has no " + p);
            }
        }
        List<String> signed = List.of(params.get("headers").toLowerCase(Locale.ROOT).trim().split("\\s+"));
        requireSigned(method, signed, bodyExcluded);

        StringBuilder signingString = new StringBuilder();
        for (String name : signed) {
            String value;
            if (name.equals("(request-target)")) {
                value = method.toLowerCase(Locale.ROOT) + " " + target;
            } else {
                value = joined(headers, name);
                if (value == null) {
                    throw new Rejected("signed header " + name + " is not in the request");
                }
            }
            signingString.append(signingString.length() == 0 ? "" : "\n").append(name).append(": ").append(value);
        }
        checkDate(headers, signed);
        if (expectedHost != null && !expectedHost.equalsIgnoreCase(first(headers, "host"))) {
            throw new Rejected("host header does not name this server (" + expectedHost + ")");
        }
        if (signed.contains("x-content-sha256") && !sha256(body).equals(first(headers, "x-content-sha256"))) {
            throw new Rejected("x-content-sha256 does not match the body");
        }
        if (signed.contains("content-length") && !String.valueOf(body.length).equals(first(headers, "content-length"))) {
            throw new Rejected("content-length does not match the body");
        }

        TrustStore.Principal principal = trust.resolve(params.get("keyId"), clock.instant());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(principal.key());
            rsa.update(signingString.toString().getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(params.get("signature")))) {
                throw new Rejected("signature does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Rejected("signature cannot be checked: " + e.getClass().getSimpleName());
        }
        return principal;
    }

    private static void requireSigned(String method, List<String> signed, boolean bodyExcluded) throws Rejected {
        List<String> required = new ArrayList<>(GENERIC);
        boolean hasBody = List.of("POST", "PUT", "PATCH").contains(method.toUpperCase(Locale.ROOT));
        if (hasBody && !bodyExcluded) {
            required.addAll(BODY);
        }
        for (String name : required) {
            if (!signed.contains(name)) {
                throw new Rejected(method + " must sign " + name);
            }
        }
        if (!signed.contains("date") && !signed.contains("x-date")) {
            throw new Rejected(method + " must sign date or x-date");
        }
    }

    private void checkDate(Map<String, List<String>> headers, List<String> signed) throws Rejected {
        String raw = first(headers, signed.contains("x-date") ? "x-date" : "date");
        Instant date;
        try {
            // The day name is not checked: Oracle's own test vector signs "Thu, 05 Jan 2014", a Sunday.
            String withoutDay = raw.contains(",") ? raw.substring(raw.indexOf(',') + 1).trim() : raw;
            date = ZonedDateTime.parse(withoutDay, DATE).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Rejected("date is not an RFC 1123 date");
        }
        if (Duration.between(date, clock.instant()).abs().compareTo(maxSkew) > 0) {
            throw new Rejected("date is more than " + maxSkew.toMinutes() + " minutes from now");
        }
    }

    public static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String joined(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }
}
