package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.sagemakerstreaming.runtime.format.ContainerDialectDecoder;
import io.github.sagemakerstreaming.runtime.format.RawTextDecoder;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationContext;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * Streams the tokens of a model hosted on a SageMaker endpoint, through
 * {@code InvokeEndpointWithResponseStream}, as a Reactor {@link Flux}; gives whole
 * answers through {@code InvokeEndpoint} ({@link #invoke}); and opens, continues and
 * closes stateful sessions.
 * <p>
 * The contract of every {@code Flux} it returns:
 * <ul>
 * <li>Nothing is sent until subscription, and each subscription makes one invocation:
 * subscribing twice invokes the endpoint twice.
 * <li>Demand flows to the network: the SDK reads more of the response only as the
 * subscriber requests tokens (with a small look-ahead), so a slow subscriber does not
 * make the response pile up in memory.
 * <li>Cancelling the subscription closes the HTTP connection, so the endpoint stops
 * streaming to us.
 * <li>A token is delivered at most once, and a prompt reaches the model at most once: the
 * SDK's own retries, which would re-send the request after a {@code ModelStreamError} and
 * replay tokens already delivered, are switched off for the call. The template retries a
 * call only when the request certainly did not reach the model: an HTTP error status from
 * SageMaker (429, 500, 502, 503, 504), a connection that could not be made, or no pooled
 * connection in time. A read timeout or a reset after the request was written is never
 * retried.
 * <li>Time limits (first token, idle gap, whole stream) end the stream with a
 * {@link StreamTimeoutException} and close the connection. The idle limit measures the
 * endpoint's silence while the subscriber waits for more, never the subscriber's own
 * pauses. A stream whose last chunk was delivered never fails afterwards with a timeout.
 * <li>Every failure reaches the subscriber as a {@link StreamingInferenceException}, with
 * the SDK or I/O exception as its cause. A stream cut before the container said it had
 * finished fails with an {@link IncompleteStreamException}; it never completes as if the
 * answer were whole.
 * <li>Tokens, completion and the SDK's errors arrive on the SDK's Netty event-loop
 * threads; a time limit's {@link StreamTimeoutException} arrives on a Reactor
 * {@code parallel} timer thread. Never block in an operator downstream; use
 * {@code publishOn} before blocking work.
 * <li>With an observation registry, each subscription is one observation, a child of the
 * caller's.
 * </ul>
 * The template is thread-safe; one instance serves the whole application.
 */
public final class StreamingInferenceTemplate {

	private static final ResponseDecoder RAW_DECODER = new RawTextDecoder();

	private final SageMakerRuntimeAsyncClient client;

	/**
	 * How streams reach SageMaker: the SDK client or the direct transport.
	 */
	private final StreamTransport transport;

	/**
	 * What every call adds to switch the SDK's own retries off, or {@code null} when the
	 * client has them off already.
	 */
	private final @Nullable AwsRequestOverrideConfiguration callOverride;

	private final RequestSettings defaults;

	private final ResponseDecoder decoder;

	private final RetrySettings retry;

	private final boolean includeUsage;

	private final StreamObservation observation;

	private StreamingInferenceTemplate(Builder builder) {
		this.client = builder.client;
		this.transport = (builder.directHttpClient != null)
				? new DirectTransport(builder.client, builder.directHttpClient) : new SdkTransport(builder.client);
		this.callOverride = RetrySettings.callOverride(builder.client);
		this.defaults = builder.settings();
		Objects.requireNonNull(this.defaults.format(), "format: a template needs a default format");
		this.decoder = builder.decoder;
		this.retry = builder.retry;
		this.includeUsage = builder.includeUsage;
		this.observation = new StreamObservation(builder.observationRegistry, builder.observationConvention);
	}

	/**
	 * Starts a template on a client.
	 * @param client the SageMaker Runtime client
	 * @return a builder
	 */
	public static Builder builder(SageMakerRuntimeAsyncClient client) {
		return new Builder(client);
	}

	/**
	 * Returns the format of a request that names none.
	 * @return the default format
	 */
	public InferenceFormat format() {
		return Objects.requireNonNull(this.defaults.format(), "format");
	}

	/**
	 * Streams the answer to a prompt from the default endpoint, in the default format.
	 * @param prompt the prompt
	 * @return the generated text, token by token, in order
	 */
	public Flux<String> stream(String prompt) {
		return stream(Flux.defer(() -> streamChunks(InferenceRequest.builder().prompt(prompt).build())));
	}

	/**
	 * Streams the answer to a request: its text only, without reasoning or tool calls.
	 * @param request the request
	 * @return the generated text, token by token, in order
	 */
	public Flux<String> stream(InferenceRequest request) {
		return stream(streamChunks(request));
	}

	/**
	 * Streams the answer to a request as chunks that carry the text, the reasoning and
	 * the response metadata (the production variant that answered, the container's
	 * content type, its custom attributes, the request id), and end with a chunk that
	 * carries the finish reason, the tool calls, whole, and the token usage.
	 * @param request the request
	 * @return the chunks, in order, the last one with {@link InferenceChunk#last()} true
	 */
	public Flux<InferenceChunk> streamChunks(InferenceRequest request) {
		Objects.requireNonNull(request, "request");
		return Flux.defer(() -> openStream(request));
	}

	/**
	 * Gives the whole answer to a request through {@code InvokeEndpoint}: the body says
	 * {@code "stream": false}, and the container's whole answer (TGI, OpenAI chat and
	 * text completions, DJL/LMI) is read into the same types as a stream's chunks. The
	 * call starts on subscription, is retried like a stream's, and fails with the same
	 * typed exceptions; the first-token limit bounds the time to the answer. A request
	 * may name a multi-model endpoint's {@code targetModel}.
	 * @param request the request
	 * @return the answer
	 */
	public Mono<InferenceResponse> invoke(InferenceRequest request) {
		Objects.requireNonNull(request, "request");
		return Flux.defer(() -> wholeAnswer(request, request.session(), request.sessionId(), false))
			.collectList()
			.map(InferenceResponse::of);
	}

	/**
	 * Opens a stateful session through {@code InvokeEndpoint} with {@code NEW_SESSION},
	 * sending the request's body, which is the container's own open payload
	 * ({@code {"requestType":"NEW_SESSION"}} for AWS's standard handler and DJL/LMI).
	 * SageMaker then routes every request in the session to the same instance. Whether
	 * the session opened is decided on SageMaker's
	 * {@code X-Amzn-SageMaker-New-Session-Id} alone: the container's body is never read
	 * as a model answer, and the session keeps it, as text, in
	 * {@link InferenceSession#openAnswer()}.
	 * @param request the open request: endpoint, body, and any other setting
	 * @return the session, with the id and expiry the container assigned
	 * @throws SessionNotOpenedException (in the {@code Mono}) if the endpoint answered
	 * without opening a session
	 */
	public Mono<InferenceSession> openSession(InferenceRequest request) {
		Objects.requireNonNull(request, "request");
		return sessionAnswer(request, null, RequestConstraints.NEW_SESSION).map((answer) -> {
			String header = answer.metadata().newSessionId();
			if (header == null || header.isBlank()) {
				throw new SessionNotOpenedException(answer);
			}
			return InferenceSession.fromHeader(header,
					this.defaults.overriddenBy(request.settings()).inferenceComponentName(), answer);
		});
	}

	/**
	 * Closes a stateful session through {@code InvokeEndpoint}, sending the request's
	 * body, which is the container's own close payload ({@code {"requestType":"CLOSE"}}
	 * for AWS's standard handler and DJL/LMI). Whether the session closed is decided on
	 * SageMaker's {@code X-Amzn-SageMaker-Closed-Session-Id} alone: the container's body
	 * is never read as a model answer.
	 * @param session the session to close
	 * @param request the close request: body, and any other setting
	 * @return what the endpoint answered, once the container has closed the session
	 * @throws SessionNotClosedException (in the {@code Mono}) if the endpoint did not
	 * confirm the close
	 */
	public Mono<SessionAnswer> closeSession(InferenceSession session, InferenceRequest request) {
		Objects.requireNonNull(session, "session");
		Objects.requireNonNull(request, "request");
		return sessionAnswer(request, session, session.id()).map((answer) -> {
			if (!session.id().equals(answer.metadata().closedSessionId())) {
				throw new SessionNotClosedException(session, answer);
			}
			return answer;
		});
	}

	/**
	 * Sends a session's open or close request and keeps the container's body as text,
	 * whatever the request's format.
	 */
	private Mono<SessionAnswer> sessionAnswer(InferenceRequest request, @Nullable InferenceSession session,
			String sessionId) {
		return Flux.defer(() -> wholeAnswer(request, session, sessionId, true))
			.collectList()
			.map(InferenceResponse::of)
			.map((response) -> new SessionAnswer(response.text(), response.metadata()));
	}

	private static Flux<String> stream(Flux<InferenceChunk> chunks) {
		return chunks.filter((chunk) -> !chunk.text().isEmpty()).map(InferenceChunk::text);
	}

	private Flux<InferenceChunk> openStream(InferenceRequest request) {
		ResolvedRequest resolved = resolve(request, request.session(), true);
		if (request.targetModel() != null) {
			throw new InvalidInferenceRequestException(
					"A target model can only be invoked through InvokeEndpoint, "
							+ "which streams nothing: use invoke(...) for a multi-model endpoint.",
					resolved.endpointName());
		}
		InvokeEndpointWithResponseStreamRequest sdkRequest = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName(resolved.endpointName())
			.body(SdkBytes.fromByteArrayUnsafe(resolved.body()))
			.contentType(resolved.contentType())
			.accept(resolved.accept())
			.customAttributes(resolved.customAttributes())
			.targetVariant(request.targetVariant())
			.targetContainerHostname(request.targetContainerHostname())
			.inferenceId(request.inferenceId())
			.inferenceComponentName(resolved.inferenceComponentName())
			.sessionId(request.sessionId())
			.overrideConfiguration(this.callOverride)
			.build();
		ResponseDecoder responseDecoder = (resolved.format() == InferenceFormat.RAW) ? RAW_DECODER : this.decoder;
		Flux<InferenceChunk> chunks = new ResponseStreamCall(this.transport, sdkRequest, responseDecoder,
				resolved.limits(), this.retry)
			.chunks();
		return this.observation.observe(resolved.logging().responses(chunks, resolved.endpointName()),
				resolved.observationContext(StreamObservationContext.Operation.STREAM));
	}

	/**
	 * Gives the whole answer through {@code InvokeEndpoint}, read as text when the
	 * request's format is raw or when asked.
	 */
	private Flux<InferenceChunk> wholeAnswer(InferenceRequest request, @Nullable InferenceSession session,
			@Nullable String sessionId, boolean asText) {
		ResolvedRequest resolved = resolve(request, session, false);
		InvokeEndpointRequest sdkRequest = InvokeEndpointRequest.builder()
			.endpointName(resolved.endpointName())
			.body(SdkBytes.fromByteArrayUnsafe(resolved.body()))
			.contentType(resolved.contentType())
			.accept(resolved.accept())
			.customAttributes(resolved.customAttributes())
			.targetVariant(request.targetVariant())
			.targetContainerHostname(request.targetContainerHostname())
			.targetModel(request.targetModel())
			.inferenceId(request.inferenceId())
			.inferenceComponentName(resolved.inferenceComponentName())
			.sessionId(sessionId)
			.overrideConfiguration(this.callOverride)
			.build();
		Flux<InferenceChunk> chunks = new InvokeCall(this.client, sdkRequest,
				asText || resolved.format() == InferenceFormat.RAW, resolved.limits(), this.retry)
			.chunks();
		return this.observation.observe(resolved.logging().responses(chunks, resolved.endpointName()),
				resolved.observationContext(StreamObservationContext.Operation.INVOKE));
	}

	/**
	 * Resolves a request against the template's defaults: the endpoint, the body, the
	 * headers and the limits, after checking that a session goes to its own endpoint and
	 * has not expired.
	 */
	private ResolvedRequest resolve(InferenceRequest request, @Nullable InferenceSession session, boolean streaming) {
		RequestSettings settings = this.defaults.overriddenBy(request.settings());
		String endpoint = settings.endpointName();
		if (endpoint == null) {
			throw new InvalidInferenceRequestException("No endpoint to invoke: set a default endpoint name "
					+ "(sagemaker.runtime.endpoint-name in Spring Boot) or the request's endpointName.", null);
		}
		if (session != null) {
			RequestConstraints.session(session, endpoint, settings.inferenceComponentName(), Instant.now());
		}
		InferenceFormat format = Objects.requireNonNull(settings.format(), "format");
		byte[] rawBody = request.rawBody();
		byte[] body = (rawBody != null) ? rawBody
				: RequestBodies.render(format, request, settings.parameters(), streaming, this.includeUsage, endpoint);
		RequestConstraints.bodySize(body.length, endpoint);
		settings.logging().request(endpoint, body);
		String contentType = settings.contentType();
		return new ResolvedRequest(endpoint, format, body,
				(contentType != null) ? contentType : defaultContentType(format), settings.accept(),
				settings.customAttributes(), settings.inferenceComponentName(),
				(settings.parameters().get("model") instanceof String model) ? model : null,
				streaming ? settings.limits() : settings.limits().withoutIdle(), settings.logging());
	}

	private static String defaultContentType(InferenceFormat format) {
		return (format == InferenceFormat.RAW) ? "text/plain; charset=utf-8" : "application/json";
	}

	/**
	 * Builds a {@link StreamingInferenceTemplate}. The settings it shares with
	 * {@link InferenceRequest.Builder} (the endpoint, inference component, format,
	 * parameters, headers and time limits) are defaults that a request may override; the
	 * others apply to every call.
	 */
	public static final class Builder extends RequestSettings.Builder<Builder> {

		private final SageMakerRuntimeAsyncClient client;

		private ResponseDecoder decoder = new ContainerDialectDecoder();

		private RetrySettings retry = RetrySettings.DEFAULT;

		private boolean includeUsage = true;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable StreamObservationConvention observationConvention;

		private @Nullable SdkAsyncHttpClient directHttpClient;

		private Builder(SageMakerRuntimeAsyncClient client) {
			this.client = Objects.requireNonNull(client, "client");
			format(InferenceFormat.OPENAI_CHAT);
		}

		/**
		 * Sets the decoder for every format but raw (a {@link ContainerDialectDecoder}
		 * unless set).
		 * @param decoder the decoder
		 * @return this builder
		 */
		public Builder decoder(ResponseDecoder decoder) {
			this.decoder = Objects.requireNonNull(decoder, "decoder");
			return this;
		}

		/**
		 * Sets how a call is retried before SageMaker has answered (3 attempts, backoff
		 * from 200 ms to 2 s, unless set). Calls are never retried once SageMaker has
		 * answered, so a token is never replayed, nor on 400 or 424. A call refused for a
		 * skewed clock is sent once more besides, with the corrected time, once in the
		 * whole call.
		 * @param maxAttempts the number of attempts, the first included; 1 for no retry
		 * @param initialBackoff the backoff before the first retry, doubled for each
		 * retry, with jitter
		 * @param maxBackoff the longest backoff
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
			this.retry = new RetrySettings(maxAttempts, initialBackoff, maxBackoff);
			return this;
		}

		/**
		 * Sets whether the OpenAI formats ask for the token usage
		 * ({@code "stream_options":{"include_usage":true}}), which TGI 2.x and later and
		 * vLLM accept (true unless set). Switch it off for a container that rejects
		 * unknown fields.
		 * @param includeUsage whether to ask for the usage
		 * @return this builder
		 */
		public Builder includeUsage(boolean includeUsage) {
			this.includeUsage = includeUsage;
			return this;
		}

		/**
		 * Sets the registry of the observation made of every stream
		 * ({@code gen_ai.client.operation}); none unless set.
		 * @param observationRegistry the observation registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Sets a convention that replaces {@code DefaultStreamObservationConvention}.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable StreamObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Streams on the direct transport rather than through the SDK client: the
		 * template signs and sends each {@code InvokeEndpointWithResponseStream} request
		 * itself, exactly as the client would (same URI, headers and SigV4 signature,
		 * with the client's credentials, region, endpoint override and metric publishers,
		 * and FIPS and dual-stack as the SDK reads them from the environment and
		 * profile), on the given HTTP client, and decodes the event stream's frames
		 * straight from the response's bytes. That skips the SDK's object for every event
		 * and its 2 MiB buffer for every open stream. The {@code Flux} contract and the
		 * exceptions are those of the SDK transport; {@link #invoke} and sessions still
		 * go through the client. Pass the HTTP client the SDK client uses, so that both
		 * share one connection pool; the template does not close it.
		 * @param httpClient the HTTP client to stream on, or {@code null} to stream
		 * through the SDK client (the default)
		 * @return this builder
		 */
		public Builder directTransport(@Nullable SdkAsyncHttpClient httpClient) {
			this.directHttpClient = httpClient;
			return this;
		}

		/**
		 * Builds the template.
		 * @return the template
		 */
		public StreamingInferenceTemplate build() {
			return new StreamingInferenceTemplate(this);
		}

	}

}
