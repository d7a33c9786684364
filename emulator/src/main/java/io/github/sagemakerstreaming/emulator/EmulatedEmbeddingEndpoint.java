package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A named embedding endpoint registered with a {@link SageMakerEmulator}: the container
 * it imitates, the length of its vectors, the largest batch it takes, and the faults it
 * injects. Its vectors are deterministic: a normalised, hashed bag of the text's words,
 * so that texts that share words are closer than texts that do not. Setters return the
 * endpoint and apply from the next invocation on.
 */
public final class EmulatedEmbeddingEndpoint {

	private final String name;

	private final EmbeddingContainer container;

	private volatile int dimensions = 64;

	private volatile int maxBatchSize;

	private volatile Duration answerDelay = Duration.ZERO;

	private volatile boolean dropsLastVector;

	private volatile @Nullable HttpFault httpFault;

	private final AtomicInteger httpFaultsLeft = new AtomicInteger();

	private final AtomicInteger resetsLeft = new AtomicInteger();

	EmulatedEmbeddingEndpoint(String name, EmbeddingContainer container) {
		this.name = name;
		this.container = Objects.requireNonNull(container, "container");
		this.maxBatchSize = (container == EmbeddingContainer.TEI) ? 32 : Integer.MAX_VALUE;
	}

	/**
	 * Returns the endpoint name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the container the endpoint imitates.
	 * @return the container
	 */
	public EmbeddingContainer container() {
		return this.container;
	}

	/**
	 * Sets the length of the vectors, 64 unless set.
	 * @param dimensions the length, at least 1
	 * @return this endpoint
	 */
	public EmulatedEmbeddingEndpoint dimensions(int dimensions) {
		if (dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be at least 1, but was " + dimensions);
		}
		this.dimensions = dimensions;
		return this;
	}

	/**
	 * Sets the most inputs of one call, refused above it as TEI refuses a batch above its
	 * {@code --max-client-batch-size}: 32 for TEI, no limit for the others, unless set.
	 * @param maxBatchSize the largest batch, at least 1
	 * @return this endpoint
	 */
	public EmulatedEmbeddingEndpoint maxBatchSize(int maxBatchSize) {
		if (maxBatchSize < 1) {
			throw new IllegalArgumentException("maxBatchSize must be at least 1, but was " + maxBatchSize);
		}
		this.maxBatchSize = maxBatchSize;
		return this;
	}

	/**
	 * Waits before answering each call.
	 * @param delay the delay
	 * @return this endpoint
	 */
	public EmulatedEmbeddingEndpoint answerDelay(Duration delay) {
		this.answerDelay = Objects.requireNonNull(delay, "delay");
		return this;
	}

	/**
	 * Answers one vector fewer than the inputs, as a custom inference handler does that
	 * returns only the first row of its embeddings (the batching note of LangChain's
	 * {@code SagemakerEndpointEmbeddings} documentation).
	 * @return this endpoint
	 */
	public EmulatedEmbeddingEndpoint dropLastVector() {
		this.dropsLastVector = true;
		return this;
	}

	/**
	 * Answers the next {@code times} invocations with an error response.
	 * @param fault the error response
	 * @param times how many invocations get it
	 * @return this endpoint
	 */
	public EmulatedEmbeddingEndpoint failBeforeAnswer(HttpFault fault, int times) {
		this.httpFault = Objects.requireNonNull(fault, "fault");
		this.httpFaultsLeft.set(times);
		return this;
	}

	/**
	 * Resets the connection of the next {@code times} invocations once their request is
	 * read, with no answer, as a load balancer or a dying instance does.
	 * @param times how many invocations are reset
	 * @return this endpoint
	 */
	public EmulatedEmbeddingEndpoint resetBeforeAnswer(int times) {
		this.resetsLeft.set(times);
		return this;
	}

	int dimensions() {
		return this.dimensions;
	}

	int maxBatchSize() {
		return this.maxBatchSize;
	}

	Duration answerDelay() {
		return this.answerDelay;
	}

	boolean dropsLastVector() {
		return this.dropsLastVector;
	}

	@Nullable HttpFault nextHttpFault() {
		HttpFault fault = this.httpFault;
		return (fault != null && this.httpFaultsLeft.getAndUpdate((n) -> Math.max(n - 1, 0)) > 0) ? fault : null;
	}

	boolean nextReset() {
		return this.resetsLeft.getAndUpdate((n) -> Math.max(n - 1, 0)) > 0;
	}

}
