package dev.recsys.recommender.model.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import dev.recsys.common.rest.AdminAuthorization;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.common.rest.RequestParams;
import dev.recsys.recommender.model.service.ModelLifecycle;
import dev.recsys.recommender.model.service.ModelManager;
import dev.recsys.recommender.model.service.ServingModel;
import dev.recsys.recommender.model.service.ServingState;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelManager models;
    private final ModelLifecycle lifecycle;
    private final AdminAuthorization admin;

    public ModelResource(ModelManager models, ModelLifecycle lifecycle, AdminAuthorization admin) {
        this.models = models;
        this.lifecycle = lifecycle;
        this.admin = admin;
    }

    @GET
    @Path("/model")
    public ModelInfo model() {
        return ModelInfo.of(UUID.randomUUID().toString(), models.modelName(), models.state());
    }

    /** Loads the newest complete version; requests in flight finish on the model they started with. */
    @POST
    @Path("/model/reload")
    @Blocking
    public ModelInfo reload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.require(authorization);
        try {
            return ModelInfo.of(UUID.randomUUID().toString(), models.modelName(), lifecycle.reload());
        } catch (ModelManager.ModelLoadException e) {
            throw ProblemException.unavailable("reload failed, the previous model keeps serving: " + e.getMessage());
        }
    }

    @GET
    @Path("/models")
    @Blocking
    public ModelList versions() {
        Set<Integer> serving = servingVersions();
        List<ModelVersionView> views = new ArrayList<>();
        for (ModelVersion v : listVersions()) {
            views.add(view(v, serving));
        }
        return new ModelList(UUID.randomUUID().toString(), models.modelName(), views);
    }

    @GET
    @Path("/models/{version}")
    @Blocking
    public ModelVersionView version(@PathParam("version") String version) {
        int wanted = RequestParams.positiveInt("version", version);
        return listVersions().stream().filter(v -> v.version() == wanted).findFirst()
                .map(v -> view(v, servingVersions()))
                .orElseThrow(() -> ProblemException.notFound("version " + wanted + " of model " + models.modelName()
                        + " is not in the model repository"));
    }

    public record ModelList(String requestId, String model, List<ModelVersionView> versions) {
    }

    private List<ModelVersion> listVersions() {
        try {
            return models.versions();
        } catch (IOException e) {
            throw ProblemException.unavailable("the model repository cannot be read: " + e.getMessage());
        }
    }

    private Set<Integer> servingVersions() {
        ServingState state = models.state();
        if (!state.loaded()) {
            return Set.of();
        }
        return java.util.stream.Stream.of(state.control(), state.treatment()).filter(java.util.Objects::nonNull)
                .map(ServingModel::version).collect(Collectors.toSet());
    }

    private ModelVersionView view(ModelVersion v, Set<Integer> serving) {
        String status = !v.complete() ? ModelVersionView.INCOMPLETE
                : serving.contains(v.version()) ? ModelVersionView.SERVING : ModelVersionView.CANDIDATE;
        return new ModelVersionView(v.model(), v.version(), status, readCard(v));
    }

    private static ModelCard readCard(ModelVersion v) {
        try {
            return ModelRepository.readCard(v.dir());
        } catch (IOException e) {
            return null;
        }
    }
}
