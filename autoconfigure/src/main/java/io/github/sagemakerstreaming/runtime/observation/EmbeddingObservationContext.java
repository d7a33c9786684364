package io.github.sagemakerstreaming.runtime.observation;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationContext.Outcome;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the observation of one {@code embed}, or of one batch within it, knows: the
 * endpoint, inference component and format, the number of inputs, and, once answered, the
 * production variant, the tokens the container reported, the outcome and the error code.
 * It never holds the texts or the vectors.
 */
public class EmbeddingObservationContext extends Observation.Context {

	/** What an observation covers. */
	public enum Level {

		/** One {@code embed}: every batch of its inputs. */
		EMBED,

		/**
		 * One batch of an {@code embed}: its {@code InvokeEndpoint} call, retries
		 * included.
		 */
		BATCH

	}

	private final Level level;

	private final String endpointName;

	private final @Nullable String inferenceComponentName;

	private final @Nullable String model;

	private final String format;

	private final int inputs;

	private volatile @Nullable String productionVariant;

	private volatile @Nullable TokenUsage usage;

	private volatile boolean nested;

	private volatile Outcome outcome = Outcome.SUCCESS;

	private volatile @Nullable String errorCode;

	/**
	 * Creates a context.
	 * @param level what the observation covers
	 * @param endpointName the endpoint invoked
	 * @param inferenceComponentName the inference component invoked, or {@code null}
	 * @param model the {@code model} parameter of the request, or {@code null}
	 * @param format the request shape, for example {@code tei}
	 * @param inputs the number of texts embedded
	 */
	public EmbeddingObservationContext(Level level, String endpointName, @Nullable String inferenceComponentName,
			@Nullable String model, String format, int inputs) {
		this.level = level;
		this.endpointName = endpointName;
		this.inferenceComponentName = inferenceComponentName;
		this.model = model;
		this.format = format;
		this.inputs = inputs;
	}

	/**
	 * Records the production variant that answered a call.
	 * @param productionVariant the variant, or {@code null} if SageMaker named none
	 */
	public void answeredBy(@Nullable String productionVariant) {
		if (productionVariant != null) {
			this.productionVariant = productionVariant;
		}
	}

	/**
	 * Records the tokens the container reported.
	 * @param usage the usage, or {@code null} if it reported none
	 */
	public void setUsage(@Nullable TokenUsage usage) {
		this.usage = usage;
	}

	/**
	 * Records the failure that ended the observed work.
	 * @param errorCode the failure's error code
	 * @param timedOut whether a time limit passed
	 */
	public void failed(String errorCode, boolean timedOut) {
		this.outcome = timedOut ? Outcome.TIMEOUT : Outcome.ERROR;
		this.errorCode = errorCode;
	}

	/**
	 * Records that the subscriber cancelled.
	 */
	public void cancelled() {
		this.outcome = Outcome.CANCELLED;
	}

	/**
	 * Records whether the work is observed inside another GenAI client operation (such as
	 * a Spring AI embedding model's), which then records the token usage itself.
	 * @param nested whether the work is nested
	 */
	public void setNested(boolean nested) {
		this.nested = nested;
	}

	/**
	 * Returns whether the work is observed inside another GenAI client operation.
	 * @return whether the work is nested
	 */
	public boolean isNested() {
		return this.nested;
	}

	/**
	 * Returns what the observation covers.
	 * @return the level
	 */
	public Level getLevel() {
		return this.level;
	}

	/**
	 * Returns the endpoint invoked.
	 * @return the endpoint name
	 */
	public String getEndpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the inference component invoked.
	 * @return the inference component, or {@code null}
	 */
	public @Nullable String getInferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the {@code model} parameter of the request.
	 * @return the model, or {@code null} if the request names none
	 */
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * Returns the request shape.
	 * @return the format, for example {@code tei}
	 */
	public String getFormat() {
		return this.format;
	}

	/**
	 * Returns the number of texts embedded.
	 * @return the inputs
	 */
	public int getInputs() {
		return this.inputs;
	}

	/**
	 * Returns the production variant that answered.
	 * @return the variant, or {@code null} before an answer
	 */
	public @Nullable String getProductionVariant() {
		return this.productionVariant;
	}

	/**
	 * Returns the tokens the container reported.
	 * @return the usage, or {@code null} if it reported none or did not answer
	 */
	public @Nullable TokenUsage getUsage() {
		return this.usage;
	}

	/**
	 * Returns how the observed work ended.
	 * @return the outcome
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Returns the error code of the failure that ended the observed work.
	 * @return the error code, or {@code null} if it did not fail
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

}
