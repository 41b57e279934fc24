package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.oracle.bmc.apigateway.model.AnonymousRouteAuthorizationPolicy;
import com.oracle.bmc.apigateway.model.ApiSpecification;
import com.oracle.bmc.apigateway.model.ApiSpecificationRoute;
import com.oracle.bmc.apigateway.model.ApiSpecificationRouteRequestPolicies;
import com.oracle.bmc.apigateway.model.AuthenticationPolicy;
import com.oracle.bmc.apigateway.model.FilterHeaderPolicy;
import com.oracle.bmc.apigateway.model.HeaderTransformationPolicy;
import com.oracle.bmc.apigateway.model.JwtAuthenticationPolicy;
import com.oracle.bmc.apigateway.model.OracleFunctionBackend;
import com.oracle.bmc.apigateway.model.TokenAuthenticationPolicy;
import com.oracle.bmc.serialization.jackson.JacksonSerializer;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks a deployment specification against the OCI SDK's own {@code ApiSpecification} model,
 * so a spec that renders here is one OCI can read. The SDK's mapper is lenient (unknown fields
 * ignored, unknown enum values turned into {@code UnknownEnumValue}, unknown backend types read
 * as the bare base class); this copy refuses unknown fields and type coercion, and the
 * re-serialized model must equal the input, which catches what leniency would still drop.
 *
 * <p>On top of the model, the project's rules: TOKEN_AUTHENTICATION with issuers and audiences and no anonymous access, rate
 * limiting, and every route backed by a function and guarded by an authorization policy.
 */
public final class SpecCheck {
    private static final ObjectMapper STRICT = strictCopy(JacksonSerializer.getDefaultObjectMapper());

    private SpecCheck() {
    }

    static ObjectMapper strictCopy(ObjectMapper sdk) {
        ObjectMapper strict = sdk.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE, true);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return strict;
    }

    /** The strict mapper, for callers that read other SDK models the same way. */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    /** Reads and checks a spec; throws one error listing every problem, prefixed with {@code source}. */
    public static ApiSpecification check(String source, JsonNode spec) {
        ApiSpecification model = read(source, spec);
        List<String> problems = new ArrayList<>(JsonDiff.differences(spec, STRICT.valueToTree(model)));
        problems.replaceAll(p -> p + " (lost when read by the OCI SDK model: unknown value?)");
        problems.addAll(ruleViolations(model));
        if (!problems.isEmpty()) {
            throw new ToolException(source + ": " + String.join("; ", problems));
        }
        return model;
    }

    /** Reads with the strict mapper only, without the round-trip and project rules. */
    public static ApiSpecification read(String source, JsonNode spec) {
        try {
            return STRICT.treeToValue(spec, ApiSpecification.class);
        } catch (UnrecognizedPropertyException e) {
            String unknownType = unknownSubtype(e, spec);
            if (unknownType != null) {
                throw new ToolException(source + ": " + unknownType);
            }
            TreeSet<String> known = new TreeSet<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
            }
            throw new ToolException(source + ": " + path(e) + ": unknown field; allowed here: " + known);
        } catch (InvalidTypeIdException e) {
            throw new ToolException(source + ": " + path(e) + ": unknown type '" + e.getTypeId() + "'");
        } catch (JsonMappingException e) {
            // Jackson's hint about CoercionConfig is advice for programmers, not for this file's author.
            String message = e.getOriginalMessage().replaceAll("\\s*\\(but might if coercion .*\\)$", "");
            throw new ToolException(source + ": " + path(e) + ": " + message);
        } catch (JsonProcessingException e) {
            throw new ToolException(source + ": " + e.getOriginalMessage());
        }
    }

    static List<String> ruleViolations(ApiSpecification spec) {
        List<String> out = new ArrayList<>();
        AuthenticationPolicy authentication = spec.getRequestPolicies() == null ? null
                : spec.getRequestPolicies().getAuthentication();
        if (authentication instanceof JwtAuthenticationPolicy) {
            // Oracle titles JWT_AUTHENTICATION "no longer recommended" (apigatewayusingjwttokens.htm).
            out.add("requestPolicies.authentication: JWT_AUTHENTICATION is no longer recommended by Oracle;"
                    + " render TOKEN_AUTHENTICATION (apigw/templates do)");
        } else if (!(authentication instanceof TokenAuthenticationPolicy)) {
            out.add("requestPolicies.authentication must be TOKEN_AUTHENTICATION");
        } else if (((TokenAuthenticationPolicy) authentication).getValidationPolicy() == null
                || ((TokenAuthenticationPolicy) authentication).getValidationPolicy().getAdditionalValidationPolicy() == null) {
            out.add("requestPolicies.authentication.validationPolicy with an additionalValidationPolicy"
                    + " (issuers, audiences) is required");
        } else if (Boolean.TRUE.equals(authentication.getIsAnonymousAccessAllowed())) {
            out.add("requestPolicies.authentication.isAnonymousAccessAllowed must not be true");
        }
        if (spec.getRequestPolicies() == null || spec.getRequestPolicies().getRateLimiting() == null) {
            out.add("requestPolicies.rateLimiting is missing; every deployment is rate limited");
        }
        if (spec.getRoutes() == null || spec.getRoutes().isEmpty()) {
            out.add("routes: none");
            return out;
        }
        for (int i = 0; i < spec.getRoutes().size(); i++) {
            ApiSpecificationRoute route = spec.getRoutes().get(i);
            String at = "routes[" + i + "] " + route.getPath();
            if (!(route.getBackend() instanceof OracleFunctionBackend)
                    || ((OracleFunctionBackend) route.getBackend()).getFunctionId() == null) {
                out.add(at + ": backend must be ORACLE_FUNCTIONS_BACKEND with a functionId");
            }
            ApiSpecificationRouteRequestPolicies policies = route.getRequestPolicies();
            if (policies != null && policies.getHeaderTransformations() != null) {
                repeatedHeader(policies.getHeaderTransformations())
                        .ifPresent(name -> out.add(at + ": header " + name + " is named in more than one header transformation;"
                                + " API Gateway allows each name once per route, ALLOW filter items excepted"
                                + " (apigatewaymodifyingresponsesrequests-addingheadertransformrequestpolicies.htm)"));
            }
            if (policies == null || policies.getAuthorization() == null) {
                out.add(at + ": requestPolicies.authorization is missing");
            } else if (policies.getAuthorization() instanceof AnonymousRouteAuthorizationPolicy) {
                out.add(at + ": ANONYMOUS authorization is not allowed");
            }
        }
        return out;
    }

    private static java.util.Optional<String> repeatedHeader(HeaderTransformationPolicy t) {
        List<String> names = new ArrayList<>();
        if (t.getFilterHeaders() != null && t.getFilterHeaders().getType() != FilterHeaderPolicy.Type.Allow
                && t.getFilterHeaders().getItems() != null) {
            t.getFilterHeaders().getItems().forEach(i -> names.add(i.getName()));
        }
        if (t.getRenameHeaders() != null && t.getRenameHeaders().getItems() != null) {
            t.getRenameHeaders().getItems().forEach(i -> {
                names.add(i.getFrom());
                names.add(i.getTo());
            });
        }
        if (t.getSetHeaders() != null && t.getSetHeaders().getItems() != null) {
            t.getSetHeaders().getItems().forEach(i -> names.add(i.getName()));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        return names.stream().filter(n -> n != null && !seen.add(n.toLowerCase(java.util.Locale.ROOT))).findFirst();
    }

    /**
     * The SDK's polymorphic models fall back to their base class for a {@code type} they do not
     * know, so the first symptom is an "unknown field" of the base class. Name the real cause.
     */
    private static String unknownSubtype(UnrecognizedPropertyException e, JsonNode spec) {
        Class<?> base = e.getReferringClass();
        JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
        if (subtypes == null || e.getPath().size() < 2) {
            return null;
        }
        JsonNode node = spec;
        List<JsonMappingException.Reference> refs = e.getPath();
        for (JsonMappingException.Reference ref : refs.subList(0, refs.size() - 1)) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        TreeSet<String> known = new TreeSet<>();
        for (JsonSubTypes.Type type : subtypes.value()) {
            known.add(type.name());
        }
        String at = path(e);
        return at.substring(0, at.lastIndexOf('.')) + ": unknown type '" + node.path("type").asText()
                + "'; known: " + String.join(", ", known);
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
