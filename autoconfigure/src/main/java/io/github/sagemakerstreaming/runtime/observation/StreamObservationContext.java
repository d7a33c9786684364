package io.github.sagemakerstreaming.runtime.observation;

import java.time.Duration;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.StreamTimeoutException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What one stream's observation knows: the request's endpoint, inference component and
 * format, and, as the stream goes, the production variant that answered, the time to
 * first token, the tokens, the outcome and the error code. It never holds the prompt or
 * the generated text.
 */
public class StreamObservationContext extends Observation.Context {

	/** How a stream ended. */
	public enum Outcome {

		/** The container finished and the stream completed. */
		SUCCESS,

		/** The stream failed. */
		ERROR,

		/** A time limit passed. */
		TIMEOUT,

		/** The subscriber cancelled. */
		CANCELLED

	}

	/** The SageMaker operation a call makes. */
	public enum Operation {

		/** {@code InvokeEndpointWithResponseStream}: a stream. */
		STREAM("InvokeEndpointWithResponseStream"),

		/** {@code InvokeEndpoint}: a whole answer. */
		INVOKE("InvokeEndpoint");

		private final String apiName;

		Operation(String apiName) {
			this.apiName = apiName;
		}

		/**
		 * Returns the name of the operation in the SageMaker Runtime API.
		 * @return the API name
		 */
		public String apiName() {
			return this.apiName;
		}

	}

	private final String endpointName;

	private final Operation operation;

	private final @Nullable String inferenceComponentName;

	private final @Nullable String model;

	private final InferenceFormat format;

	private final long startNanos = System.nanoTime();

	private volatile @Nullable String productionVariant;

	private volatile @Nullable Duration timeToFirstToken;

	private volatile int tokens;

	private volatile @Nullable String finishReason;

	private volatile int toolCalls;

	private volatile @Nullable TokenUsage usage;

	private volatile boolean nested;

	private volatile Outcome outcome = Outcome.SUCCESS;

	private volatile @Nullable String errorCode;

	/**
	 * Creates a context.
	 * @param endpointName the endpoint invoked
	 * @param inferenceComponentName the inference component invoked, or {@code null}
	 * @param format the request format
	 */
	public StreamObservationContext(String endpointName, @Nullable String inferenceComponentName,
			InferenceFormat format) {
		this(endpointName, inferenceComponentName, null, format, Operation.STREAM);
	}

	/**
	 * Creates a context.
	 * @param endpointName the endpoint invoked
	 * @param inferenceComponentName the inference component invoked, or {@code null}
	 * @param model the {@code model} parameter of the request, or {@code null}
	 * @param format the request format
	 * @param operation the SageMaker operation
	 */
	public StreamObservationContext(String endpointName, @Nullable String inferenceComponentName,
			@Nullable String model, InferenceFormat format, Operation operation) {
		this.operation = operation;
		this.endpointName = endpointName;
		this.inferenceComponentName = inferenceComponentName;
		this.model = model;
		this.format = format;
	}

	/**
	 * Records one chunk of the stream.
	 * @param chunk the chunk
	 */
	public void chunk(InferenceChunk chunk) {
		String variant = chunk.metadata().invokedProductionVariant();
		// An answer without the header has no variant on either transport: the SDK
		// client reads it as null, the direct transport as empty.
		this.productionVariant = (variant == null || variant.isEmpty()) ? null : variant;
		if (chunk.last()) {
			this.finishReason = chunk.finishReason();
			this.toolCalls = chunk.toolCalls().size();
			this.usage = chunk.usage();
			return;
		}
		if (this.timeToFirstToken == null) {
			this.timeToFirstToken = Duration.ofNanos(System.nanoTime() - this.startNanos);
		}
		if (!chunk.text().isEmpty()) {
			this.tokens++;
		}
	}

	/**
	 * Records the failure that ended the stream.
	 * @param failure the failure
	 */
	public void failed(Throwable failure) {
		this.outcome = (failure instanceof StreamTimeoutException) ? Outcome.TIMEOUT : Outcome.ERROR;
		this.errorCode = (failure instanceof StreamingInferenceException streaming) ? streaming.errorCode()
				: failure.getClass().getSimpleName();
	}

	/**
	 * Records that the subscriber cancelled the stream.
	 */
	public void cancelled() {
		this.outcome = Outcome.CANCELLED;
	}

	/**
	 * Returns the SageMaker operation of the call.
	 * @return the operation
	 */
	public Operation getOperation() {
		return this.operation;
	}

	public String getEndpointName() {
		return this.endpointName;
	}

	public @Nullable String getInferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the {@code model} parameter of the request, for containers that serve
	 * several models.
	 * @return the model, or {@code null} if the request names none
	 */
	public @Nullable String getModel() {
		return this.model;
	}

	public InferenceFormat getFormat() {
		return this.format;
	}

	/**
	 * Returns the production variant that answered.
	 * @return the variant, or {@code null} if no answer named one
	 */
	public @Nullable String getProductionVariant() {
		return this.productionVariant;
	}

	/**
	 * Returns the time from subscription to the first token.
	 * @return the time to first token, or {@code null} if no token arrived
	 */
	public @Nullable Duration getTimeToFirstToken() {
		return this.timeToFirstToken;
	}

	/**
	 * Returns the chunks of answer text the stream delivered.
	 * @return the text chunks
	 */
	public int getTokens() {
		return this.tokens;
	}

	/**
	 * Returns the tool calls of the answer.
	 * @return the number of tool calls, 0 until the stream has finished
	 */
	public int getToolCalls() {
		return this.toolCalls;
	}

	/**
	 * Records whether the stream is observed inside another GenAI client operation (such
	 * as a Spring AI chat model's), which then records the token usage itself.
	 * @param nested whether the stream is nested
	 */
	public void setNested(boolean nested) {
		this.nested = nested;
	}

	/**
	 * Returns whether the stream is observed inside another GenAI client operation.
	 * @return whether the stream is nested
	 */
	public boolean isNested() {
		return this.nested;
	}

	/**
	 * Returns the token usage the container reported.
	 * @return the usage, or {@code null} if it reported none or the stream did not finish
	 */
	public @Nullable TokenUsage getUsage() {
		return this.usage;
	}

	public @Nullable String getFinishReason() {
		return this.finishReason;
	}

	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Returns the error code of the failure that ended the stream.
	 * @return the error code, or {@code null} if the stream did not fail
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

}
