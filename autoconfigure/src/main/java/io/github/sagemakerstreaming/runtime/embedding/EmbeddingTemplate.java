package io.github.sagemakerstreaming.runtime.embedding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingObservationContext;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * Embeds texts with a model on a SageMaker endpoint. An {@code embed} call splits its
 * inputs into {@code InvokeEndpoint} calls of at most {@link Builder#batchSize batchSize}
 * inputs, keeps at most {@link Builder#concurrency concurrency} of them in flight, and
 * returns one vector per input in the order of the inputs.
 * <p>
 * Nothing is sent until the {@code Mono} is subscribed to, and every subscription embeds
 * anew. A call that fails for throttling, a 5xx from SageMaker, an I/O failure or its
 * {@link Builder#timeout timeout} is tried again with backoff: an embedding has no side
 * effect. A call that still fails fails the whole {@code embed} with an
 * {@link EmbeddingException} and cancels the calls still in flight, as does cancelling
 * the subscription. Every answer must hold exactly one vector per input it was sent, or
 * the call fails with {@link EmbeddingException#VECTOR_COUNT_MISMATCH}: a vector is never
 * matched to the wrong text.
 * <p>
 * With an {@link Builder#observationRegistry observation registry}, an {@code embed} that
 * calls the endpoint is one observation, {@code gen_ai.client.operation.duration} with
 * {@code gen_ai.operation.name} {@code embeddings}, and each of its batches one more, its
 * child, {@code sagemaker.runtime.embedding.batch}: both with the endpoint, the number of
 * inputs, the outcome, the error code and the tokens the container reported.
 */
public final class EmbeddingTemplate {

	private static final EmbeddingAnswerDecoder DECODER = new EmbeddingAnswerDecoder();

	private static final EmbeddingResult EMPTY = new EmbeddingResult(List.of(), null);

	/**
	 * Switches the SDK's own retries off for every call, whatever the client's
	 * configuration: the template retries each call itself, per batch.
	 */
	private static final AwsRequestOverrideConfiguration NO_SDK_RETRIES = AwsRequestOverrideConfiguration.builder()
		.addPlugin((SdkPlugin) (configuration) -> configuration.overrideConfiguration(
				configuration.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build()))
		.build();

	private final SageMakerRuntimeAsyncClient client;

	private final @Nullable String endpointName;

	private final @Nullable String inferenceComponentName;

	private final EmbeddingFormat format;

	private final int batchSize;

	private final int concurrency;

	private final Duration timeout;

	private final Retry retry;

	private final EmbeddingObservation observation;

	private EmbeddingTemplate(Builder builder) {
		this.client = builder.client;
		this.endpointName = builder.endpointName;
		this.inferenceComponentName = builder.inferenceComponentName;
		this.format = builder.format;
		this.batchSize = builder.batchSize;
		this.concurrency = builder.concurrency;
		this.timeout = builder.timeout;
		this.retry = Retry.backoff(builder.maxAttempts - 1L, builder.initialBackoff)
			.maxBackoff(builder.maxBackoff)
			.jitter(0.5)
			.filter(EmbeddingFailures::isRetryable)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
		this.observation = new EmbeddingObservation(builder.observationRegistry);
	}

	/**
	 * Returns a builder of a template on the given client.
	 * @param client the SageMaker Runtime client to call
	 * @return a new builder
	 */
	public static Builder builder(SageMakerRuntimeAsyncClient client) {
		return new Builder(client);
	}

	/**
	 * Embeds texts with the template's settings.
	 * @param inputs the texts, none of them {@code null}
	 * @return the vectors, one per input and in their order; an empty list answers an
	 * empty result without a call
	 */
	public Mono<EmbeddingResult> embed(List<String> inputs) {
		return Mono.defer(() -> embed(EmbeddingRequest.builder().inputs(inputs).build()));
	}

	/**
	 * Embeds texts, with the request's settings over the template's.
	 * @param request the texts and settings
	 * @return the vectors, one per input and in their order; an empty list answers an
	 * empty result without a call
	 */
	public Mono<EmbeddingResult> embed(EmbeddingRequest request) {
		return Mono.defer(() -> {
			String endpoint = (request.endpointName() != null) ? request.endpointName() : this.endpointName;
			if (endpoint == null) {
				return Mono.error(new InvalidInferenceRequestException("No embedding endpoint is set: set "
						+ "sagemaker.runtime.embedding.endpoint-name, the builder's endpointName, or the request's "
						+ "endpointName.", null));
			}
			EmbeddingFormat requestFormat = (request.format() != null) ? request.format() : this.format;
			String refusal = EmbeddingBodies.refusal(requestFormat, request.parameters());
			if (refusal != null) {
				return Mono.error(new InvalidInferenceRequestException(refusal, endpoint));
			}
			List<String> inputs = request.inputs();
			if (inputs.isEmpty()) {
				return Mono.just(EMPTY);
			}
			Batch batch = new Batch(endpoint, (request.inferenceComponentName() != null)
					? request.inferenceComponentName() : this.inferenceComponentName, requestFormat,
					request.parameters(), inputs.size());
			int calls = (inputs.size() + this.batchSize - 1) / this.batchSize;
			Mono<EmbeddingResult> embed = Flux.range(0, calls)
				.flatMapSequential((call) -> batch
					.embed(inputs.subList(call * this.batchSize, Math.min(inputs.size(), (call + 1) * this.batchSize))),
						this.concurrency, 1)
				.collectList()
				.map(EmbeddingTemplate::join);
			return this.observation.observe(embed, batch.observed);
		});
	}

	/**
	 * Joins the results of one {@code embed}'s calls, in their order. The usage is their
	 * sum only when every call reported one: the calls may reach production variants
	 * whose containers differ, and part of the tokens is not their total.
	 */
	static EmbeddingResult join(List<EmbeddingResult> results) {
		if (results.size() == 1) {
			return results.get(0);
		}
		List<float[]> vectors = new ArrayList<>();
		int inputTokens = 0;
		boolean everyUsage = true;
		for (EmbeddingResult result : results) {
			vectors.addAll(result.vectors());
			TokenUsage usage = result.usage();
			if (usage != null) {
				inputTokens += usage.inputTokens();
			}
			else {
				everyUsage = false;
			}
		}
		return new EmbeddingResult(vectors, everyUsage ? new TokenUsage(inputTokens, 0) : null);
	}

	/**
	 * What every call of one {@code embed} shares: where it goes, how its body is
	 * written, and the {@code embed}'s observation context.
	 */
	private final class Batch {

		private final String endpointName;

		private final @Nullable String inferenceComponentName;

		private final EmbeddingFormat format;

		private final Map<String, Object> parameters;

		private final @Nullable String model;

		/** The length of the vectors the {@code dimensions} parameter asks for. */
		private final @Nullable Integer dimensions;

		private final EmbeddingObservationContext observed;

		Batch(String endpointName, @Nullable String inferenceComponentName, EmbeddingFormat format,
				Map<String, Object> parameters, int inputs) {
			this.endpointName = endpointName;
			this.inferenceComponentName = inferenceComponentName;
			this.format = format;
			this.parameters = parameters;
			this.model = (parameters.get("model") instanceof String name) ? name : null;
			this.dimensions = (parameters.get("dimensions") instanceof Integer asked) ? asked : null;
			this.observed = context(EmbeddingObservationContext.Level.EMBED, inputs);
		}

		private EmbeddingObservationContext context(EmbeddingObservationContext.Level level, int inputs) {
			return new EmbeddingObservationContext(level, this.endpointName, this.inferenceComponentName, this.model,
					this.format.name().toLowerCase(Locale.ROOT), inputs);
		}

		Mono<EmbeddingResult> embed(List<String> inputs) {
			return Mono.defer(() -> {
				EmbeddingObservationContext context = context(EmbeddingObservationContext.Level.BATCH, inputs.size());
				return EmbeddingTemplate.this.observation.observe(call(inputs, context), context);
			});
		}

		private Mono<EmbeddingResult> call(List<String> inputs, EmbeddingObservationContext context) {
			InvokeEndpointRequest request = InvokeEndpointRequest.builder()
				.endpointName(this.endpointName)
				.inferenceComponentName(this.inferenceComponentName)
				.contentType("application/json")
				.accept("application/json")
				.body(SdkBytes.fromByteArrayUnsafe(EmbeddingBodies.write(this.format, inputs, this.parameters)))
				.overrideConfiguration(NO_SDK_RETRIES)
				.build();
			EmbeddingTemplate template = EmbeddingTemplate.this;
			return Mono.fromFuture(() -> template.client.invokeEndpoint(request))
				.timeout(template.timeout)
				.onErrorMap((ex) -> EmbeddingFailures.translate(ex, this.endpointName, inputs.size(), template.timeout))
				.retryWhen(template.retry)
				.map((response) -> {
					context.answeredBy(response.invokedProductionVariant());
					this.observed.answeredBy(response.invokedProductionVariant());
					return decode(response, inputs.size());
				});
		}

		private EmbeddingResult decode(InvokeEndpointResponse response, int inputs) {
			String requestId = response.responseMetadata().requestId();
			EmbeddingResult result = DECODER.decode(response.body().asByteArrayUnsafe(), this.endpointName, requestId);
			if (result.vectors().size() != inputs) {
				throw new EmbeddingException(
						"Endpoint '" + this.endpointName + "' answered " + result.vectors().size() + " vectors for "
								+ inputs + " inputs, so they cannot be matched to their inputs. Check that "
								+ "the container embeds every input of a batch (an empty text included) and that "
								+ "sagemaker.runtime.embedding.format matches it.",
						EmbeddingException.VECTOR_COUNT_MISMATCH, this.endpointName, requestId, null);
			}
			if (this.dimensions != null && result.dimensions() != this.dimensions) {
				throw new EmbeddingException("Endpoint '" + this.endpointName + "' answered vectors of "
						+ result.dimensions() + " dimensions where " + this.dimensions + " were asked for: its "
						+ "container or model does not take the 'dimensions' parameter (the JumpStart containers "
						+ "ignore it; vLLM takes it for Matryoshka models only). Leave 'dimensions' unset, or ask for "
						+ "the model's own " + result.dimensions() + ".", EmbeddingException.DIMENSIONS_MISMATCH,
						this.endpointName, requestId, null);
			}
			return result;
		}

	}

	/**
	 * Builds an {@link EmbeddingTemplate}.
	 */
	public static final class Builder {

		private final SageMakerRuntimeAsyncClient client;

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private EmbeddingFormat format = EmbeddingFormat.TEI;

		private int batchSize = 32;

		private int concurrency = 4;

		private Duration timeout = Duration.ofSeconds(60);

		private int maxAttempts = 3;

		private Duration initialBackoff = Duration.ofMillis(200);

		private Duration maxBackoff = Duration.ofSeconds(2);

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder(SageMakerRuntimeAsyncClient client) {
			this.client = Objects.requireNonNull(client, "client");
		}

		/**
		 * Sets the endpoint that requests without one of their own call.
		 * @param endpointName the endpoint name
		 * @return this builder
		 */
		public Builder endpointName(@Nullable String endpointName) {
			this.endpointName = endpointName;
			return this;
		}

		/**
		 * Sets the inference component that requests without one of their own call.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 */
		public Builder inferenceComponentName(@Nullable String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Sets the request shape, {@link EmbeddingFormat#TEI} unless set.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(EmbeddingFormat format) {
			this.format = Objects.requireNonNull(format, "format");
			return this;
		}

		/**
		 * Sets the most inputs of one call, 32 unless set (TEI's default
		 * {@code --max-client-batch-size}).
		 * @param batchSize the inputs per call, at least 1
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = atLeastOne(batchSize, "batchSize");
			return this;
		}

		/**
		 * Sets the most calls of one {@code embed} in flight at once, 4 unless set.
		 * @param concurrency the calls in flight, at least 1
		 * @return this builder
		 */
		public Builder concurrency(int concurrency) {
			this.concurrency = atLeastOne(concurrency, "concurrency");
			return this;
		}

		/**
		 * Sets how long one call may take before it is given up and tried again, 60
		 * seconds unless set.
		 * @param timeout the time limit of one call, positive
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Objects.requireNonNull(timeout, "timeout");
			if (timeout.isZero() || timeout.isNegative()) {
				throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets how a failed call is tried again: 3 attempts, from 200 ms to 2 s of
		 * backoff, unless set.
		 * @param maxAttempts the attempts of one call, the first included; 1 for no retry
		 * @param initialBackoff the backoff before the first retry, doubled for each
		 * retry, with jitter
		 * @param maxBackoff the longest backoff
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
			this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
			this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
			this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
			return this;
		}

		/**
		 * Sets the registry that observes every {@code embed} and its batches (none
		 * unless set).
		 * @param observationRegistry the observation registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Builds the template.
		 * @return the template
		 */
		public EmbeddingTemplate build() {
			return new EmbeddingTemplate(this);
		}

		private static int atLeastOne(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
			}
			return value;
		}

	}

}
