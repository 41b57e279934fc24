package dev.ocifn.localoci.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.DataSetFile;
import dev.ocifn.localoci.OciError;
import dev.ocifn.localoci.PathSegment;
import dev.ocifn.localoci.Replies;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data Science model deployment predict: {@code POST /<modelDeploymentOcid>/predict} answered by
 * the deployment's model from models.json. {@code /predictWithResponseStream} gives the same
 * answer as one server-sent event ({@code text/event-stream}, {@code data: <json>}).
 * Like the service: 411 without Content-Length, 413 over 10 MB, 404 for an unknown deployment,
 * 409 for one that is not ACTIVE, 400 with the model's message for input it cannot use.
 */
public final class PredictApi {
    public static final Pattern PATH = Pattern.compile("/([^/]+)/(predict|predictWithResponseStream)");
    static final int MAX_BODY = 10 * 1024 * 1024;

    private final DataSetFile<ModelDataSet> data;

    public PredictApi(DataSetFile<ModelDataSet> data) {
        this.data = data;
    }

    public StubResponse predict(RecordedRequest request) {
        Matcher m = PATH.matcher(request.rawPath());
        if (!m.matches()) {
            throw new IllegalStateException("route and pattern disagree: " + request.rawPath());
        }
        if (request.header("content-length").isEmpty()) {
            throw new OciError(411, "LengthRequired", "The Content-Length header is required");
        }
        if (request.body().length > MAX_BODY) {
            throw new OciError(413, "PayloadTooLarge", "The request body is larger than the 10 MB a model deployment accepts");
        }
        String id = PathSegment.decode(m.group(1), "model deployment OCID");
        ModelDeployment deployment = data.get().deployments().get(id);
        if (deployment == null) {
            throw OciError.notFound("Authorization failed or requested resource not found.");
        }
        if (!deployment.lifecycleState().equals("ACTIVE")) {
            throw new OciError(409, "IncorrectState", "The model deployment is " + deployment.lifecycleState()
                    + ", not ACTIVE");
        }
        JsonNode input;
        try {
            input = Replies.JSON.readTree(request.body());
        } catch (IOException e) {
            throw OciError.invalid("model '" + deployment.displayName() + "': the input is not valid JSON");
        }
        ObjectNode answer;
        try {
            answer = deployment.predict(input == null ? Replies.JSON.missingNode() : input);
        } catch (ModelDeployment.Rejected e) {
            throw OciError.invalid(e.getMessage());
        }
        if (m.group(2).equals("predictWithResponseStream")) {
            byte[] event = ("data: " + answer + "\n\n").getBytes(StandardCharsets.UTF_8);
            return StubResponse.bytes(200, "text/event-stream", event);
        }
        return Replies.json(200, answer);
    }
}
