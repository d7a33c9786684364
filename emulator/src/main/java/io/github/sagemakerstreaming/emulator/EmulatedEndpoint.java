package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named endpoint registered with a {@link SageMakerEmulator}: the dialect its container speaks, what
 * it answers and which faults it injects. Setters return the endpoint so that a test can describe it in
 * one statement; they may be called while the emulator runs and apply to the next invocation.
 */
public final class EmulatedEndpoint {

	private final String name;

	private volatile Dialect dialect;

	private volatile List<String> tokens;

	private volatile String finishReason = "stop";

	private volatile String variant = "AllTraffic";

	private volatile String responseCustomAttributes;

	private volatile Duration firstTokenDelay = Duration.ZERO;

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile int recordsPerPart = 1;

	private volatile int partSize;

	private volatile int faultAfterTokens = -1;

	private volatile StreamFault fault;

	private volatile HttpFault httpFault;

	private final AtomicInteger httpFaultsLeft = new AtomicInteger();

	EmulatedEndpoint(String name, Dialect dialect) {
		this.name = name;
		this.dialect = Objects.requireNonNull(dialect, "dialect");
	}

	/**
	 * Returns the endpoint name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Sets the dialect that the container streams.
	 * @param dialect the dialect
	 * @return this endpoint
	 */
	public EmulatedEndpoint dialect(Dialect dialect) {
		this.dialect = Objects.requireNonNull(dialect, "dialect");
		return this;
	}

	/**
	 * Returns the dialect that the container streams.
	 * @return the dialect
	 */
	public Dialect dialect() {
		return this.dialect;
	}

	/**
	 * Answers every request with these tokens instead of the default text made from the prompt.
	 * @param tokens the tokens, in order
	 * @return this endpoint
	 */
	public EmulatedEndpoint tokens(String... tokens) {
		return tokens(List.of(tokens));
	}

	/**
	 * Answers every request with these tokens instead of the default text made from the prompt.
	 * @param tokens the tokens, in order
	 * @return this endpoint
	 */
	public EmulatedEndpoint tokens(List<String> tokens) {
		this.tokens = List.copyOf(tokens);
		return this;
	}

	/**
	 * Sets the finish reason reported at the end of the stream ({@code stop} unless set).
	 * @param finishReason the finish reason
	 * @return this endpoint
	 */
	public EmulatedEndpoint finishReason(String finishReason) {
		this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
		return this;
	}

	/**
	 * Sets the production variant reported as invoked when the request names none ({@code AllTraffic}
	 * unless set).
	 * @param variant the variant name
	 * @return this endpoint
	 */
	public EmulatedEndpoint variant(String variant) {
		this.variant = Objects.requireNonNull(variant, "variant");
		return this;
	}

	/**
	 * Sets the custom attributes that the container returns.
	 * @param customAttributes the custom attributes, or {@code null} for none
	 * @return this endpoint
	 */
	public EmulatedEndpoint responseCustomAttributes(String customAttributes) {
		this.responseCustomAttributes = customAttributes;
		return this;
	}

	/**
	 * Delays the first payload part.
	 * @param delay the delay before the first part
	 * @return this endpoint
	 */
	public EmulatedEndpoint firstTokenDelay(Duration delay) {
		this.firstTokenDelay = Objects.requireNonNull(delay, "delay");
		return this;
	}

	/**
	 * Delays every payload part after the first.
	 * @param delay the delay between parts
	 * @return this endpoint
	 */
	public EmulatedEndpoint tokenDelay(Duration delay) {
		this.tokenDelay = Objects.requireNonNull(delay, "delay");
		return this;
	}

	/**
	 * Packs several container records into one {@code PayloadPart}.
	 * @param recordsPerPart the number of records a part (1 unless set)
	 * @return this endpoint
	 */
	public EmulatedEndpoint recordsPerPart(int recordsPerPart) {
		if (recordsPerPart < 1) {
			throw new IllegalArgumentException("recordsPerPart must be at least 1");
		}
		this.recordsPerPart = recordsPerPart;
		return this;
	}

	/**
	 * Cuts the container's body into {@code PayloadPart}s of this many bytes, whatever the record and
	 * character boundaries.
	 * @param partSize the part size in bytes, or 0 to cut on records
	 * @return this endpoint
	 */
	public EmulatedEndpoint partSize(int partSize) {
		if (partSize < 0) {
			throw new IllegalArgumentException("partSize must not be negative");
		}
		this.partSize = partSize;
		return this;
	}

	/**
	 * Injects a fault after the given number of tokens has been streamed.
	 * @param tokens the number of token records sent before the fault
	 * @param fault the fault
	 * @return this endpoint
	 */
	public EmulatedEndpoint failAfterTokens(int tokens, StreamFault fault) {
		this.faultAfterTokens = tokens;
		this.fault = Objects.requireNonNull(fault, "fault");
		return this;
	}

	/**
	 * Answers the next {@code times} invocations with an error response instead of a stream.
	 * @param fault the error response
	 * @param times how many invocations get it
	 * @return this endpoint
	 */
	public EmulatedEndpoint failBeforeStream(HttpFault fault, int times) {
		this.httpFault = Objects.requireNonNull(fault, "fault");
		this.httpFaultsLeft.set(times);
		return this;
	}

	/**
	 * Answers every invocation with an error response instead of a stream.
	 * @param fault the error response
	 * @return this endpoint
	 */
	public EmulatedEndpoint failBeforeStream(HttpFault fault) {
		return failBeforeStream(fault, Integer.MAX_VALUE);
	}

	/**
	 * Removes every injected fault and delay.
	 * @return this endpoint
	 */
	public EmulatedEndpoint heal() {
		this.fault = null;
		this.faultAfterTokens = -1;
		this.httpFaultsLeft.set(0);
		this.firstTokenDelay = Duration.ZERO;
		this.tokenDelay = Duration.ZERO;
		return this;
	}

	HttpFault nextHttpFault() {
		HttpFault current = this.httpFault;
		if (current == null) {
			return null;
		}
		int left = this.httpFaultsLeft.getAndUpdate((n) -> (n > 0 && n != Integer.MAX_VALUE) ? n - 1 : n);
		return (left > 0) ? current : null;
	}

	StreamPlan plan(String prompt) {
		List<String> answer = (this.tokens != null) ? this.tokens : DefaultAnswer.tokensFor(prompt);
		return new StreamPlan(this.dialect, answer, this.finishReason, this.firstTokenDelay, this.tokenDelay,
				this.recordsPerPart, this.partSize, this.faultAfterTokens, this.fault);
	}

	String variant() {
		return this.variant;
	}

	String responseCustomAttributes() {
		return this.responseCustomAttributes;
	}

}
