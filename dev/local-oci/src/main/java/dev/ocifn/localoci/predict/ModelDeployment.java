package dev.ocifn.localoci.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.Replies;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A model deployment of models.json and the tiny model it serves: linear (prediction =
 * bias + weights . features) or logistic (probability = sigmoid of that, and a label from
 * {@code labels} by {@code threshold}). Input rows come as {@code {"data": [[...], ...]}},
 * {@code {"instances": [...]}} or a bare array; a row is an array of numbers in feature order
 * or an object by feature name.
 */
record ModelDeployment(String id, String displayName, String lifecycleState, String type, List<String> features,
                       List<Double> weights, double bias, List<String> labels, double threshold) {

    /** What the model itself refuses: the service answers it as a 400 with the model's words. */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    ObjectNode predict(JsonNode input) {
        List<double[]> rows = rows(input);
        ObjectNode answer = Replies.JSON.createObjectNode();
        ArrayNode prediction = answer.putArray("prediction");
        if (type.equals("linear")) {
            rows.forEach(row -> prediction.add(round(score(row))));
            return answer;
        }
        ArrayNode probability = answer.putArray("probability");
        for (double[] row : rows) {
            double p = 1 / (1 + Math.exp(-score(row)));
            probability.add(round(p));
            if (labels.isEmpty()) {
                prediction.add(p >= threshold ? 1 : 0);
            } else {
                prediction.add(labels.get(p >= threshold ? 1 : 0));
            }
        }
        return answer;
    }

    private double score(double[] row) {
        double sum = bias;
        for (int i = 0; i < row.length; i++) {
            sum += weights.get(i) * row[i];
        }
        return sum;
    }

    private List<double[]> rows(JsonNode input) {
        JsonNode rows = input;
        if (input.isObject()) {
            rows = input.has("data") ? input.get("data") : input.get("instances");
            if (rows == null || input.size() != 1) {
                throw reject("send {\"data\": [[" + String.join(", ", features) + "], ...]} or {\"instances\": [...]}");
            }
        }
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            throw reject("expects a non-empty array of rows");
        }
        if (rows.get(0).isNumber()) {
            return List.of(row(rows, 0)); // one row given flat
        }
        List<double[]> parsed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            parsed.add(row(rows.get(i), i));
        }
        return parsed;
    }

    private double[] row(JsonNode row, int index) {
        double[] values = new double[features.size()];
        if (row.isArray()) {
            if (row.size() != features.size()) {
                throw reject("row " + index + " has " + row.size() + " values; expected " + features.size()
                        + " (" + String.join(", ", features) + ")");
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = number(row.get(i), index, features.get(i));
            }
            return values;
        }
        if (row.isObject()) {
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!features.contains(name)) {
                    throw reject("row " + index + " has an unknown feature '" + name + "'; features are "
                            + String.join(", ", features));
                }
            }
            for (int i = 0; i < values.length; i++) {
                if (!row.has(features.get(i))) {
                    throw reject("row " + index + " lacks the feature '" + features.get(i) + "'");
                }
                values[i] = number(row.get(features.get(i)), index, features.get(i));
            }
            return values;
        }
        throw reject("row " + index + " must be an array of numbers or an object by feature name");
    }

    private double number(JsonNode value, int row, String feature) {
        if (!value.isNumber()) {
            throw reject("row " + row + ", " + feature + ": must be a number, not " + value);
        }
        return value.doubleValue();
    }

    private Rejected reject(String problem) {
        return new Rejected("model '" + displayName + "': " + problem);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
