package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A named endpoint registered with a {@link SageMakerEmulator}: the dialect its container
 * speaks, what it answers and which faults it injects. Setters return the endpoint so
 * that a test can describe it in one statement; they may be called while the emulator
 * runs and apply from the next invocation on.
 */
public final class EmulatedEndpoint {

	private final String name;

	private volatile Settings settings;

	private final AtomicInteger httpFaultsLeft = new AtomicInteger();

	private volatile String status = "InService";

	private volatile @Nullable String failureReason;

	private volatile boolean preRendered;

	private volatile SessionHandler sessionHandler = SessionHandler.DJL;

	private final AtomicReference<RenderedBody> renderedBody = new AtomicReference<>();

	EmulatedEndpoint(String name, Dialect dialect) {
		this.name = name;
		this.settings = new Settings(Objects.requireNonNull(dialect, "dialect"), DefaultAnswer::tokensFor, "stop",
				"AllTraffic", null, Duration.ZERO, Duration.ZERO, -1, Duration.ZERO, null, 1, 0, -1, null, null,
				Duration.ZERO, ChatScript.NONE);
	}

	/**
	 * Returns the endpoint name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the dialect that the container streams.
	 * @return the dialect
	 */
	public Dialect dialect() {
		return this.settings.dialect();
	}

	/**
	 * Sets the dialect that the container streams.
	 * @param dialect the dialect
	 * @return this endpoint
	 */
	public EmulatedEndpoint dialect(Dialect dialect) {
		Objects.requireNonNull(dialect, "dialect");
		return update((s) -> s.with(dialect, s.answer(), s.finishReason(), s.variant()));
	}

	/**
	 * Answers every request with these tokens instead of the default text made from the
	 * prompt.
	 * @param tokens the tokens, in order
	 * @return this endpoint
	 */
	public EmulatedEndpoint tokens(String... tokens) {
		return tokens(List.of(tokens));
	}

	/**
	 * Answers every request with these tokens instead of the default text made from the
	 * prompt.
	 * @param tokens the tokens, in order
	 * @return this endpoint
	 */
	public EmulatedEndpoint tokens(List<String> tokens) {
		List<String> copy = List.copyOf(tokens);
		return answer((prompt) -> copy);
	}

	/**
	 * Answers each request with the tokens that the function makes from its prompt (the
	 * last message's content, the {@code prompt} or {@code inputs} field, or the whole
	 * body).
	 * @param answer makes the tokens from the prompt
	 * @return this endpoint
	 */
	public EmulatedEndpoint answer(Function<String, List<String>> answer) {
		Objects.requireNonNull(answer, "answer");
		return update((s) -> s.with(s.dialect(), answer, s.finishReason(), s.variant()));
	}

	/**
	 * Streams these reasoning tokens before the answer, in the dialects that keep
	 * reasoning apart (vLLM's {@code reasoning_content}, and {@code reasoning} through
	 * DJL/LMI).
	 * @param reasoning the reasoning tokens, in order
	 * @return this endpoint
	 */
	public EmulatedEndpoint reasoning(String... reasoning) {
		List<String> copy = List.of(reasoning);
		return update((s) -> s.chatting(s.chat().withReasoning(copy)));
	}

	/**
	 * Answers with these tool calls after the answer's tokens (if any), in the dialects
	 * that stream tool calls (TGI Messages API, vLLM chat, DJL/LMI with vLLM), ending
	 * with the finish reason {@code tool_calls}.
	 * @param toolCalls the tool calls, in order
	 * @return this endpoint
	 */
	public EmulatedEndpoint toolCalls(ToolCallScript... toolCalls) {
		List<ToolCallScript> copy = List.of(toolCalls);
		return update((s) -> s.chatting(s.chat().withToolCalls(copy)));
	}

	/**
	 * Answers like an agent's model: while the request offers tools and sends no tool
	 * result after the last user message, a call of the first tool offered, whose first
	 * parameter is the user's message; once a tool result comes, a text answer quoting it
	 * ({@code The tool answered: RESULT}).
	 * @return this endpoint
	 */
	public EmulatedEndpoint agent() {
		return update((s) -> s.chatting(s.chat().asAgent()));
	}

	/**
	 * Sets the finish reason reported at the end of the stream ({@code stop} unless set).
	 * @param finishReason the finish reason
	 * @return this endpoint
	 */
	public EmulatedEndpoint finishReason(String finishReason) {
		Objects.requireNonNull(finishReason, "finishReason");
		return update((s) -> s.with(s.dialect(), s.answer(), finishReason, s.variant()));
	}

	/**
	 * Sets the production variant reported as invoked when the request names none
	 * ({@code AllTraffic} unless set).
	 * @param variant the variant name
	 * @return this endpoint
	 */
	public EmulatedEndpoint variant(String variant) {
		Objects.requireNonNull(variant, "variant");
		return update((s) -> s.with(s.dialect(), s.answer(), s.finishReason(), variant));
	}

	/**
	 * Sets the custom attributes that the container returns.
	 * @param customAttributes the custom attributes, or {@code null} for none
	 * @return this endpoint
	 */
	public EmulatedEndpoint responseCustomAttributes(String customAttributes) {
		return update((s) -> new Settings(s.dialect(), s.answer(), s.finishReason(), s.variant(), customAttributes,
				s.firstTokenDelay(), s.tokenDelay(), s.pauseAfterTokens(), s.pause(), s.keepAliveInterval(),
				s.recordsPerPart(), s.partSize(), s.faultAfterTokens(), s.fault(), s.httpFault(), s.responseDelay(),
				s.chat()));
	}

	/**
	 * Keeps silent after reading a request, before the status line, as a container that
	 * takes long to start its answer: a client's read timeout then fires after the
	 * request was written.
	 * @param delay the delay before the response starts
	 * @return this endpoint
	 */
	public EmulatedEndpoint responseDelay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		return update((s) -> s.delayed(delay));
	}

	/**
	 * Delays the first payload part.
	 * @param delay the delay before the first part
	 * @return this endpoint
	 */
	public EmulatedEndpoint firstTokenDelay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		return update((s) -> s.paced(delay, s.tokenDelay(), s.pauseAfterTokens(), s.pause(), s.keepAliveInterval()));
	}

	/**
	 * Delays every payload part after the first.
	 * @param delay the delay between parts
	 * @return this endpoint
	 */
	public EmulatedEndpoint tokenDelay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		return update(
				(s) -> s.paced(s.firstTokenDelay(), delay, s.pauseAfterTokens(), s.pause(), s.keepAliveInterval()));
	}

	/**
	 * Stalls the stream once, after the given number of tokens.
	 * @param tokens the number of token records sent before the pause
	 * @param pause how long nothing is sent (but keep-alives, if enabled)
	 * @return this endpoint
	 */
	public EmulatedEndpoint pauseAfterTokens(int tokens, Duration pause) {
		Objects.requireNonNull(pause, "pause");
		return update((s) -> s.paced(s.firstTokenDelay(), s.tokenDelay(), tokens, pause, s.keepAliveInterval()));
	}

	/**
	 * Sends the dialect's keep-alive record (an SSE comment, or an empty JSON line)
	 * whenever the stream waits this long, as TGI does every 15 seconds.
	 * @param interval the keep-alive interval, or {@code null} for none
	 * @return this endpoint
	 */
	public EmulatedEndpoint keepAliveInterval(Duration interval) {
		return update((s) -> s.paced(s.firstTokenDelay(), s.tokenDelay(), s.pauseAfterTokens(), s.pause(), interval));
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
		return update((s) -> s.cut(recordsPerPart, s.partSize()));
	}

	/**
	 * Cuts the container's body into {@code PayloadPart}s of this many bytes, whatever
	 * the record and character boundaries.
	 * @param partSize the part size in bytes, or 0 to cut on records
	 * @return this endpoint
	 */
	public EmulatedEndpoint partSize(int partSize) {
		if (partSize < 0) {
			throw new IllegalArgumentException("partSize must not be negative");
		}
		return update((s) -> s.cut(s.recordsPerPart(), partSize));
	}

	/**
	 * Injects a fault after the given number of tokens has been streamed.
	 * @param tokens the number of token records sent before the fault
	 * @param fault the fault
	 * @return this endpoint
	 */
	public EmulatedEndpoint failAfterTokens(int tokens, StreamFault fault) {
		Objects.requireNonNull(fault, "fault");
		return update((s) -> s.faulty(tokens, fault, s.httpFault()));
	}

	/**
	 * Answers the next {@code times} invocations with an error response instead of a
	 * stream.
	 * @param fault the error response
	 * @param times how many invocations get it
	 * @return this endpoint
	 */
	public EmulatedEndpoint failBeforeStream(HttpFault fault, int times) {
		Objects.requireNonNull(fault, "fault");
		this.httpFaultsLeft.set(times);
		return update((s) -> s.faulty(s.faultAfterTokens(), s.fault(), fault));
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
	 * Sets the session handler of the container: how it answers the open and close
	 * payloads of a stateful session ({@link SessionHandler#DJL} unless set).
	 * @param sessionHandler the session handler
	 * @return this endpoint
	 */
	public EmulatedEndpoint sessionHandler(SessionHandler sessionHandler) {
		this.sessionHandler = Objects.requireNonNull(sessionHandler, "sessionHandler");
		return this;
	}

	/**
	 * Returns the session handler of the container.
	 * @return the session handler
	 */
	public SessionHandler sessionHandler() {
		return this.sessionHandler;
	}

	/**
	 * Streams every answer pre-rendered and written in 64 KiB writes, as fast as the
	 * connection takes them, for benchmarks that the emulator must not limit: delays,
	 * pauses, part cuts and faults are ignored, and the frames of an answer are rendered
	 * once and reused while the answer is the same.
	 * @return this endpoint
	 */
	public EmulatedEndpoint preRendered() {
		this.preRendered = true;
		return this;
	}

	boolean isPreRendered() {
		return this.preRendered;
	}

	/**
	 * Returns the frames of the answer to the request in one body, rendered again only
	 * when the answer differs from the last one.
	 */
	byte[] preRenderedBody(Settings settings, PromptReader.Request request) {
		Answer answer = settings.answer(request);
		RenderedBody current = this.renderedBody.get();
		if (current != null && current.answer().equals(answer)) {
			return current.body();
		}
		byte[] body = StreamPlan.of(settings, answer).body();
		this.renderedBody.set(new RenderedBody(answer, body));
		return body;
	}

	/**
	 * Sets the status that {@code DescribeEndpoint} reports ({@code InService} unless
	 * set), for example {@code Creating}, {@code Updating} or {@code Failed}.
	 * @param status the endpoint status
	 * @param failureReason the failure reason, or {@code null}
	 * @return this endpoint
	 */
	public EmulatedEndpoint status(String status, @Nullable String failureReason) {
		this.status = Objects.requireNonNull(status, "status");
		this.failureReason = failureReason;
		return this;
	}

	String status() {
		return this.status;
	}

	@Nullable String failureReason() {
		return this.failureReason;
	}

	@Nullable HttpFault nextHttpFault() {
		HttpFault current = this.settings.httpFault();
		if (current == null) {
			return null;
		}
		int left = this.httpFaultsLeft.getAndUpdate((n) -> (n > 0 && n != Integer.MAX_VALUE) ? n - 1 : n);
		return (left > 0) ? current : null;
	}

	Settings settings() {
		return this.settings;
	}

	private EmulatedEndpoint update(UnaryOperator<Settings> change) {
		synchronized (this) {
			this.settings = change.apply(this.settings);
		}
		return this;
	}

	private record RenderedBody(Answer answer, byte[] body) {

	}

	/**
	 * One consistent snapshot of an endpoint's behaviour, taken per invocation.
	 */
	record Settings(Dialect dialect, Function<String, List<String>> answer, String finishReason, String variant,
			@Nullable String responseCustomAttributes, Duration firstTokenDelay, Duration tokenDelay,
			int pauseAfterTokens, Duration pause, @Nullable Duration keepAliveInterval, int recordsPerPart,
			int partSize, int faultAfterTokens, @Nullable StreamFault fault, @Nullable HttpFault httpFault,
			Duration responseDelay, ChatScript chat) {

		Settings with(Dialect dialect, Function<String, List<String>> answer, String finishReason, String variant) {
			return new Settings(dialect, answer, finishReason, variant, this.responseCustomAttributes,
					this.firstTokenDelay, this.tokenDelay, this.pauseAfterTokens, this.pause, this.keepAliveInterval,
					this.recordsPerPart, this.partSize, this.faultAfterTokens, this.fault, this.httpFault,
					this.responseDelay, this.chat);
		}

		Settings paced(Duration firstTokenDelay, Duration tokenDelay, int pauseAfterTokens, Duration pause,
				@Nullable Duration keepAliveInterval) {
			return new Settings(this.dialect, this.answer, this.finishReason, this.variant,
					this.responseCustomAttributes, firstTokenDelay, tokenDelay, pauseAfterTokens, pause,
					keepAliveInterval, this.recordsPerPart, this.partSize, this.faultAfterTokens, this.fault,
					this.httpFault, this.responseDelay, this.chat);
		}

		Settings cut(int recordsPerPart, int partSize) {
			return new Settings(this.dialect, this.answer, this.finishReason, this.variant,
					this.responseCustomAttributes, this.firstTokenDelay, this.tokenDelay, this.pauseAfterTokens,
					this.pause, this.keepAliveInterval, recordsPerPart, partSize, this.faultAfterTokens, this.fault,
					this.httpFault, this.responseDelay, this.chat);
		}

		Settings faulty(int faultAfterTokens, @Nullable StreamFault fault, @Nullable HttpFault httpFault) {
			return new Settings(this.dialect, this.answer, this.finishReason, this.variant,
					this.responseCustomAttributes, this.firstTokenDelay, this.tokenDelay, this.pauseAfterTokens,
					this.pause, this.keepAliveInterval, this.recordsPerPart, this.partSize, faultAfterTokens, fault,
					httpFault, this.responseDelay, this.chat);
		}

		Settings delayed(Duration responseDelay) {
			return new Settings(this.dialect, this.answer, this.finishReason, this.variant,
					this.responseCustomAttributes, this.firstTokenDelay, this.tokenDelay, this.pauseAfterTokens,
					this.pause, this.keepAliveInterval, this.recordsPerPart, this.partSize, this.faultAfterTokens,
					this.fault, this.httpFault, responseDelay, this.chat);
		}

		Settings chatting(ChatScript chat) {
			return new Settings(this.dialect, this.answer, this.finishReason, this.variant,
					this.responseCustomAttributes, this.firstTokenDelay, this.tokenDelay, this.pauseAfterTokens,
					this.pause, this.keepAliveInterval, this.recordsPerPart, this.partSize, this.faultAfterTokens,
					this.fault, this.httpFault, this.responseDelay, chat);
		}

		StreamPlan plan(PromptReader.Request request) {
			return StreamPlan.of(this, answer(request));
		}

		Answer answer(PromptReader.Request request) {
			return this.chat.answer(request, this.answer, this.finishReason);
		}

	}

}
