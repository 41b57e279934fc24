package dev.ocifn.localoci.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.JsonFields;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * models.json: {@code {"modelDeployments": [{"id": "ocid1.datasciencemodeldeployment...",
 * "displayName", "lifecycleState", "model": {"type": "linear"|"logistic", "features": [...],
 * "weights": [...], "bias", "labels": [no, yes], "threshold"}}]}}.
 */
public record ModelDataSet(Map<String, ModelDeployment> deployments) {
    public static final String FILE = "models.json";
    public static final ModelDataSet EMPTY = new ModelDataSet(Map.of());
    static final Pattern OCID = Pattern.compile("ocid1\\.datasciencemodeldeployment\\.[a-z0-9-]+\\.[a-z0-9-]*\\.[a-z0-9]+");

    private static final JsonFields F = JsonFields.DATA_SET;

    public static ModelDataSet parse(JsonNode root) {
        ObjectNode top = F.object(root, "(top level)");
        F.allowOnly(top, "", List.of("modelDeployments"));
        JsonNode list = top.get("modelDeployments");
        if (list == null || !list.isArray()) {
            throw F.problem("modelDeployments: must be an array");
        }
        Map<String, ModelDeployment> deployments = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            ModelDeployment d = deployment(F.object(list.get(i), "modelDeployments[" + i + "]"), "modelDeployments[" + i + "]");
            if (deployments.put(d.id(), d) != null) {
                throw F.problem("modelDeployments[" + i + "].id: " + d.id() + " appears twice");
            }
        }
        return new ModelDataSet(Map.copyOf(deployments));
    }

    private static ModelDeployment deployment(ObjectNode node, String where) {
        F.allowOnly(node, where, List.of("id", "displayName", "lifecycleState", "model"));
        String id = F.requiredText(node, where, "id");
        if (!OCID.matcher(id).matches()) {
            throw F.problem(where + ".id: must be a model deployment OCID such as "
                    + "ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaa...");
        }
        String name = F.text(node, where, "displayName").orElse(id);
        String state = F.text(node, where, "lifecycleState").orElse("ACTIVE");
        String at = where + ".model";
        ObjectNode model = F.object(node.get("model"), at);
        F.allowOnly(model, at, List.of("type", "features", "weights", "bias", "labels", "threshold"));
        String type = F.requiredText(model, at, "type");
        if (!type.equals("linear") && !type.equals("logistic")) {
            throw F.problem(at + ".type: must be linear or logistic");
        }
        List<String> features = texts(model.get("features"), at + ".features");
        List<Double> weights = new ArrayList<>();
        JsonNode w = model.get("weights");
        if (w == null || !w.isArray() || w.size() != features.size()) {
            throw F.problem(at + ".weights: must be an array of " + features.size() + " numbers, one per feature");
        }
        for (JsonNode weight : w) {
            if (!weight.isNumber()) {
                throw F.problem(at + ".weights: must hold numbers only");
            }
            weights.add(weight.doubleValue());
        }
        List<String> labels = model.hasNonNull("labels") ? texts(model.get("labels"), at + ".labels") : List.of();
        if (!labels.isEmpty() && labels.size() != 2) {
            throw F.problem(at + ".labels: a logistic model has two labels, for below and at or above the threshold");
        }
        double threshold = F.number(model, at, "threshold").map(BigDecimal::doubleValue).orElse(0.5);
        double bias = F.number(model, at, "bias").map(BigDecimal::doubleValue).orElse(0.0);
        return new ModelDeployment(id, name, state, type, features, List.copyOf(weights), bias, labels, threshold);
    }

    private static List<String> texts(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw F.problem(where + ": must be a non-empty array of names");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw F.problem(where + ": must hold non-empty strings only");
            }
            values.add(value.textValue());
        }
        return List.copyOf(values);
    }
}
