package io.github.sagemakerstreaming.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingRequest;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingResult;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;

/**
 * A Spring AI {@link org.springframework.ai.embedding.EmbeddingModel} for an embedding
 * model hosted on a SageMaker endpoint, on an {@link EmbeddingTemplate}: every call
 * inherits the template's batching, retries, count check and typed
 * {@code EmbeddingException}s. The model's default options are the base of every call's,
 * and a request's options of any type override them option by option.
 * <p>
 * Each call is one Spring AI embedding-model observation, provider
 * {@value SageMakerChatModel#PROVIDER}, with the token usage when the container reports
 * it; the template's observation of the {@code embed} is its child and leaves the token
 * count to it.
 */
public class SageMakerEmbeddingModel extends AbstractEmbeddingModel {

	private static final EmbeddingModelObservationConvention DEFAULT_CONVENTION = new DefaultEmbeddingModelObservationConvention();

	/**
	 * How long a call waits for the template's answer beyond its own limits: the template
	 * bounds every call by its timeout and retries, so this is only a backstop.
	 */
	private static final Duration BLOCK_LIMIT = Duration.ofMinutes(30);

	private final EmbeddingTemplate template;

	private final SageMakerEmbeddingOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private final @Nullable EmbeddingModelObservationConvention observationConvention;

	private SageMakerEmbeddingModel(Builder builder) {
		this.template = Objects.requireNonNull(builder.template, "template");
		this.defaultOptions = builder.defaultOptions;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
	}

	/**
	 * Starts an embedding model.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public EmbeddingResponse call(org.springframework.ai.embedding.EmbeddingRequest request) {
		SageMakerEmbeddingOptions options = this.defaultOptions.overriddenBy(request.getOptions());
		org.springframework.ai.embedding.EmbeddingRequest observed = new org.springframework.ai.embedding.EmbeddingRequest(
				request.getInstructions(), options);
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(observed)
			.provider(SageMakerChatModel.PROVIDER)
			.build();
		EmbeddingResponse response = EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				EmbeddingResponse answer = embed(request.getInstructions(), options);
				context.setResponse(answer);
				return answer;
			});
		return Objects.requireNonNull(response, "the observed call answers");
	}

	/**
	 * Returns the length of the vectors: the default options' dimensions when they ask
	 * for some, since every answer is checked to have them, without a call; otherwise the
	 * length of a test text's vector, embedded once.
	 * @return the dimensions
	 */
	@Override
	public int dimensions() {
		Integer asked = this.defaultOptions.getDimensions();
		return (asked != null) ? asked : super.dimensions();
	}

	@Override
	public float[] embed(Document document) {
		String content = getEmbeddingContent(document);
		if (content == null) {
			throw new InvalidInferenceRequestException(
					"Document " + document.getId() + " has no text to embed; this model embeds text, not media.", null);
		}
		return embed(content);
	}

	private EmbeddingResponse embed(List<String> inputs, SageMakerEmbeddingOptions options) {
		EmbeddingRequest.Builder request = EmbeddingRequest.builder()
			.inputs(inputs)
			.endpointName(options.getEndpointName())
			.inferenceComponentName(options.getInferenceComponentName());
		if (options.getDimensions() != null) {
			request.parameters(Map.of("dimensions", options.getDimensions()));
		}
		EmbeddingResult result = Objects.requireNonNull(this.template.embed(request.build()).block(BLOCK_LIMIT),
				"the template answers every embed");
		List<Embedding> embeddings = new ArrayList<>(result.vectors().size());
		for (int i = 0; i < result.vectors().size(); i++) {
			embeddings.add(new Embedding(result.vectors().get(i), i));
		}
		EmbeddingResponseMetadata metadata = new EmbeddingResponseMetadata();
		if (options.getEndpointName() != null) {
			metadata.setModel(options.getEndpointName());
		}
		if (result.usage() != null) {
			metadata.setUsage(
					new DefaultUsage(result.usage().inputTokens(), 0, result.usage().inputTokens(), result.usage()));
		}
		return new EmbeddingResponse(embeddings, metadata);
	}

	/**
	 * Builds a {@link SageMakerEmbeddingModel}.
	 */
	public static final class Builder {

		private @Nullable EmbeddingTemplate template;

		private SageMakerEmbeddingOptions defaultOptions = SageMakerEmbeddingOptions.builder().build();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable EmbeddingModelObservationConvention observationConvention;

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
		 * Sets the options used where a request sets none (none unless set: the
		 * template's defaults apply).
		 * @param defaultOptions the default options
		 * @return this builder
		 */
		public Builder defaultOptions(SageMakerEmbeddingOptions defaultOptions) {
			this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions");
			return this;
		}

		/**
		 * Sets the registry of the embedding-model observations (none unless set).
		 * @param observationRegistry the observation registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Sets a convention that replaces Spring AI's default embedding-model observation
		 * convention.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable EmbeddingModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Builds the embedding model.
		 * @return the embedding model
		 */
		public SageMakerEmbeddingModel build() {
			return new SageMakerEmbeddingModel(this);
		}

	}

}
