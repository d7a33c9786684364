package io.github.sagemakerstreaming.langchain4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingRequest;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingResult;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link EmbeddingModel} for an embedding model hosted on a SageMaker
 * endpoint, on an {@link EmbeddingTemplate}: every call inherits the template's batching,
 * retries, count check and typed {@code EmbeddingException}s. A request's
 * {@code modelName} names the endpoint to call, and its {@code dimensions} is sent as
 * {@code dimensions}, each over the model's default request parameters; the token usage
 * is in the response when the container reports it. It needs no Spring.
 */
public class SageMakerEmbeddingModel implements EmbeddingModel {

	/**
	 * How long a call waits for the template's answer beyond its own limits: the template
	 * bounds every call by its timeout and retries, so this is only a backstop.
	 */
	private static final Duration BLOCK_LIMIT = Duration.ofMinutes(30);

	private static final Set<EmbeddingParameter<?>> SUPPORTED = Set.of(EmbeddingRequestParameters.MODEL_NAME,
			EmbeddingRequestParameters.DIMENSIONS);

	private final EmbeddingTemplate template;

	private final EmbeddingRequestParameters defaultRequestParameters;

	private final @Nullable String inferenceComponentName;

	private SageMakerEmbeddingModel(Builder builder) {
		this.template = Objects.requireNonNull(builder.template, "template");
		this.defaultRequestParameters = builder.defaultRequestParameters;
		this.inferenceComponentName = builder.inferenceComponentName;
	}

	/**
	 * Starts an embedding model.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public EmbeddingResponse doEmbed(dev.langchain4j.model.embedding.request.EmbeddingRequest request) {
		List<String> texts = new ArrayList<>(request.inputs().size());
		for (EmbeddingInput input : request.inputs()) {
			String text = input.text();
			if (text == null) {
				throw new InvalidInferenceRequestException(
						"An embedding input has no text (" + input.contentTypes() + "); this model embeds text.", null);
			}
			texts.add(text);
		}
		EmbeddingRequest.Builder call = EmbeddingRequest.builder()
			.inputs(texts)
			.endpointName(request.modelName())
			.inferenceComponentName(this.inferenceComponentName);
		if (request.dimensions() != null) {
			call.parameters(Map.of("dimensions", request.dimensions()));
		}
		EmbeddingResult result = Objects.requireNonNull(this.template.embed(call.build()).block(BLOCK_LIMIT),
				"the template answers every embed");
		EmbeddingResponse.Builder response = EmbeddingResponse.builder()
			.embeddings(result.vectors().stream().map(Embedding::from).toList());
		if (request.modelName() != null) {
			response.modelName(request.modelName());
		}
		if (result.usage() != null) {
			response.tokenUsage(new TokenUsage(result.usage().inputTokens(), 0, result.usage().inputTokens()));
		}
		return response.build();
	}

	/**
	 * Returns the length of the vectors: the default request parameters' dimensions when
	 * they ask for some, since every answer is checked to have them, without a call;
	 * otherwise the length of a test text's vector.
	 * @return the dimension
	 */
	@Override
	public int dimension() {
		Integer asked = this.defaultRequestParameters.dimensions();
		return (asked != null) ? asked : EmbeddingModel.super.dimension();
	}

	/**
	 * Returns the parameters used where a request sets none.
	 * @return the default request parameters
	 */
	@Override
	public EmbeddingRequestParameters defaultRequestParameters() {
		return this.defaultRequestParameters;
	}

	@Override
	public Set<EmbeddingParameter<?>> supportedParameters() {
		return SUPPORTED;
	}

	/**
	 * Returns the provider: LangChain4j names no SageMaker provider, so
	 * {@link ModelProvider#OTHER}.
	 * @return the provider
	 */
	@Override
	public ModelProvider provider() {
		return ModelProvider.OTHER;
	}

	/**
	 * Builds a {@link SageMakerEmbeddingModel}.
	 */
	public static final class Builder {

		private @Nullable EmbeddingTemplate template;

		private EmbeddingRequestParameters defaultRequestParameters = EmbeddingRequestParameters.EMPTY;

		private @Nullable String inferenceComponentName;

		private Builder() {
		}

		/**
		 * Sets the template that invokes the endpoint; required.
		 * @param template the template
		 * @return this builder
		 */
		public Builder template(EmbeddingTemplate template) {
			this.template = template;
			return this;
		}

		/**
		 * Sets the parameters used where a request sets none: the endpoint, as
		 * {@code modelName}, and the {@code dimensions} (the template's defaults unless
		 * set).
		 * @param defaultRequestParameters the default request parameters
		 * @return this builder
		 */
		public Builder defaultRequestParameters(EmbeddingRequestParameters defaultRequestParameters) {
			this.defaultRequestParameters = Objects.requireNonNull(defaultRequestParameters,
					"defaultRequestParameters");
			return this;
		}

		/**
		 * Sets the inference component to invoke instead of the template's default.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 */
		public Builder inferenceComponentName(@Nullable String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Builds the model.
		 * @return the model
		 */
		public SageMakerEmbeddingModel build() {
			return new SageMakerEmbeddingModel(this);
		}

	}

}
