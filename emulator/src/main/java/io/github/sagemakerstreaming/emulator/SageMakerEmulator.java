package io.github.sagemakerstreaming.emulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local Amazon SageMaker Runtime endpoint that answers
 * {@code InvokeEndpointWithResponseStream} with the real
 * {@code application/vnd.amazon.eventstream} framing, and {@code InvokeEndpoint} with
 * each dialect's whole answer. It routes stateful sessions as SageMaker does, and its
 * containers open and close them as real session handlers do (see
 * {@link SessionHandler}): {@code NEW_SESSION} on {@code InvokeEndpoint} with the body
 * {@code {"requestType":"NEW_SESSION"}} opens one (its id and expiry in
 * {@code X-Amzn-SageMaker-New-Session-Id}), a request in a session whose body is
 * {@code {"requestType":"CLOSE"}} closes it (confirmed in
 * {@code X-Amzn-SageMaker-Closed-Session-Id}), each with the handler's own body, and an
 * unknown, expired or closed session id is a {@code ValidationError}. Point an AWS SDK
 * client's endpoint override at {@link #endpointOverride()}; any credentials are
 * accepted, and each recorded invocation tells which access key signed it.
 * <p>
 * It also issues temporary credentials as AWS does where applications run: STS's
 * {@code AssumeRoleWithWebIdentity} for EKS's IAM roles for service accounts
 * ({@link #trustWebIdentity}, reached through the SDK's endpoint override for STS), and
 * the EKS Pod Identity Agent's credentials endpoint ({@link #trustContainerToken}).
 * <p>
 * It refuses a request signed more than 5 minutes from its clock as AWS does, and tells
 * its time in each answer's {@code Date} header ({@link #clockOffset(Duration)} sets it
 * off this machine's). It validates requests as SageMaker does, records each one with its
 * outcome, and injects the faults that each {@link EmulatedEndpoint} is told to. It
 * listens on loopback unless told otherwise.
 */
public final class SageMakerEmulator implements AutoCloseable {

	private static final String STREAM_PATH = "/endpoints/{name}/invocations-response-stream";

	private static final String INVOKE_PATH = "/endpoints/{name}/invocations";

	/** The size of the writes of a pre-rendered body. */
	private static final int PRE_RENDERED_WRITE = 64 * 1024;

	private final Map<String, EmulatedEndpoint> endpoints = new ConcurrentHashMap<>();

	private final Map<String, EmulatedEmbeddingEndpoint> embeddingEndpoints = new ConcurrentHashMap<>();

	private final Queue<RecordedInvocation> invocations = new ConcurrentLinkedQueue<>();

	private final Sessions sessions = new Sessions();

	private final SecurityTokenService securityTokenService = new SecurityTokenService();

	private final ContainerCredentials containerCredentials = new ContainerCredentials();

	private final DisposableServer server;

	private volatile boolean controlPlaneDenied;

	private volatile Duration clockOffset = Duration.ZERO;

	private SageMakerEmulator(String host, int port) {
		this.server = HttpServer.create()
			.host(host)
			.port(port)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.route((routes) -> routes.post(STREAM_PATH, (request, response) -> handle(request, response, true))
				.post(INVOKE_PATH, (request, response) -> handle(request, response, false))
				.post("/", this::controlPlaneOrSecurityTokenService)
				.get(ContainerCredentials.PATH, this::containerCredentials))
			.bindNow();
	}

	/**
	 * Starts an emulator on a free loopback port.
	 * @return the running emulator
	 */
	public static SageMakerEmulator start() {
		return start("127.0.0.1", 0);
	}

	/**
	 * Starts an emulator.
	 * @param host the address to listen on; use a loopback address unless other machines
	 * must reach it
	 * @param port the port, or 0 for a free one
	 * @return the running emulator
	 */
	public static SageMakerEmulator start(String host, int port) {
		return new SageMakerEmulator(host, port);
	}

	/**
	 * Registers an endpoint, or replaces the one with the same name.
	 * @param name the endpoint name
	 * @param dialect the dialect its container streams
	 * @return the endpoint, to configure further
	 */
	public EmulatedEndpoint register(String name, Dialect dialect) {
		EmulatedEndpoint endpoint = new EmulatedEndpoint(name, dialect);
		this.endpoints.put(name, endpoint);
		return endpoint;
	}

	/**
	 * Registers an embedding endpoint, which answers {@code InvokeEndpoint} as its
	 * container does, or replaces the one with the same name.
	 * @param name the endpoint name
	 * @param container the embedding container it imitates
	 * @return the endpoint, to configure further
	 */
	public EmulatedEmbeddingEndpoint registerEmbedding(String name, EmbeddingContainer container) {
		EmulatedEmbeddingEndpoint endpoint = new EmulatedEmbeddingEndpoint(name, container);
		this.embeddingEndpoints.put(name, endpoint);
		return endpoint;
	}

	/**
	 * Returns a registered endpoint.
	 * @param name the endpoint name
	 * @return the endpoint
	 * @throws IllegalArgumentException if no endpoint has that name
	 */
	public EmulatedEndpoint endpoint(String name) {
		EmulatedEndpoint endpoint = this.endpoints.get(name);
		if (endpoint == null) {
			throw new IllegalArgumentException("No endpoint named '" + name + "' is registered");
		}
		return endpoint;
	}

	/**
	 * Returns the URI to use as the SDK client's endpoint override.
	 * @return the base URI of this emulator
	 */
	public URI endpointOverride() {
		return URI.create("http://" + this.server.host() + ":" + this.server.port());
	}

	/**
	 * Returns the port the emulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns every request received so far, oldest first.
	 * @return the recorded invocations
	 */
	public List<RecordedInvocation> invocations() {
		return List.copyOf(this.invocations);
	}

	/**
	 * Returns the requests received for one endpoint, oldest first.
	 * @param endpointName the endpoint name
	 * @return the recorded invocations
	 */
	public List<RecordedInvocation> invocations(String endpointName) {
		return this.invocations.stream()
			.filter((invocation) -> invocation.endpointName().equals(endpointName))
			.toList();
	}

	/**
	 * Forgets the recorded invocations.
	 */
	public void clearInvocations() {
		this.invocations.clear();
	}

	/**
	 * Makes the control plane ({@code DescribeEndpoint}) answer every call with
	 * {@code AccessDeniedException}, as for a role without
	 * {@code sagemaker:DescribeEndpoint}.
	 * @param denied whether to deny
	 */
	public void denyControlPlane(boolean denied) {
		this.controlPlaneDenied = denied;
	}

	/**
	 * Sets how far this service's clock is from this machine's, as for a client whose
	 * clock is wrong by that much (none unless set). As AWS does, a request signed more
	 * than 5 minutes from the service's clock is refused with a 403
	 * {@code InvalidSignatureException}, and every answer tells the service's time in its
	 * {@code Date} header.
	 * @param offset how far ahead of this machine's clock the service's is (behind if
	 * negative)
	 */
	public void clockOffset(Duration offset) {
		this.clockOffset = offset;
	}

	/**
	 * Makes the emulator's STS answer {@code AssumeRoleWithWebIdentity} for a role, as
	 * EKS's IAM roles for service accounts need: a request for that role with that token
	 * gets the returned credentials; another token is an {@code InvalidIdentityToken}
	 * error, and a role never trusted is {@code AccessDenied}. Point the SDK's endpoint
	 * override for STS (the {@code aws.endpointUrlSts} system property or
	 * {@code AWS_ENDPOINT_URL_STS}) at {@link #endpointOverride()}, the token file
	 * ({@code aws.webIdentityTokenFile} or {@code AWS_WEB_IDENTITY_TOKEN_FILE}) at a file
	 * holding the token, and {@code aws.roleArn} or {@code AWS_ROLE_ARN} at the role.
	 * @param roleArn the role's ARN
	 * @param webIdentityToken the token the role trusts, as the token file holds it
	 * @return the temporary credentials STS issues for the role
	 */
	public TemporaryCredentials trustWebIdentity(String roleArn, String webIdentityToken) {
		return trustWebIdentity(roleArn, webIdentityToken, TemporaryCredentials.DEFAULT_LIFETIME);
	}

	/**
	 * Makes the emulator's STS answer {@code AssumeRoleWithWebIdentity} for a role as
	 * {@link #trustWebIdentity(String, String)} does, with credentials that expire after
	 * the given time instead of STS's hour. Trusting a role again replaces the token it
	 * trusts and its credentials, as a projected token that kubelet rotated does. Less
	 * than a minute is within the AWS SDK's stale time, so that the SDK asks STS again,
	 * reading the token file again, for every call.
	 * @param roleArn the role's ARN
	 * @param webIdentityToken the token the role trusts, as the token file holds it
	 * @param lifetime how long the credentials are valid
	 * @return the temporary credentials STS issues for the role
	 */
	public TemporaryCredentials trustWebIdentity(String roleArn, String webIdentityToken, Duration lifetime) {
		return this.securityTokenService.trust(roleArn, webIdentityToken, lifetime);
	}

	/**
	 * Makes the emulator's EKS Pod Identity Agent endpoint
	 * ({@link #containerCredentialsUri()}) answer a request whose {@code Authorization}
	 * header is the given service account token with the returned credentials; a request
	 * with another token, or none, gets the agent's 400 error. Point
	 * {@code aws.containerCredentialsFullUri} or
	 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} at that endpoint, and
	 * {@code aws.containerAuthorizationTokenFile} or
	 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} at a file holding the token.
	 * @param serviceAccountToken the pod's service account token
	 * @return the temporary credentials the endpoint issues for that token
	 */
	public TemporaryCredentials trustContainerToken(String serviceAccountToken) {
		return this.containerCredentials.trust(serviceAccountToken);
	}

	/**
	 * Returns the URI of the emulator's EKS Pod Identity Agent endpoint, on loopback as
	 * the SDK requires of a plain-HTTP container credentials URI.
	 * @return the container credentials URI
	 */
	public URI containerCredentialsUri() {
		return endpointOverride().resolve(ContainerCredentials.PATH);
	}

	/**
	 * Sets how long a stateful session lives after it is opened (20 minutes unless set).
	 * @param timeToLive the session time to live
	 */
	public void sessionTimeToLive(Duration timeToLive) {
		this.sessions.timeToLive(timeToLive);
	}

	/**
	 * Stops the emulator and closes its connections.
	 */
	@Override
	public void close() {
		this.server.disposeNow();
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response, boolean streaming) {
		String name = Objects.requireNonNull(request.param("name"), "the route names the endpoint");
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> respond(request, response, name, body, streaming));
	}

	private Mono<Void> respond(HttpServerRequest request, HttpServerResponse response, String name, byte[] body,
			boolean streaming) {
		String requestId = UUID.randomUUID().toString();
		RecordedInvocation invocation = record(request, name, body);
		response.withConnection((connection) -> connection.channel()
			.closeFuture()
			.addListener((closed) -> invocation.connectionClosed()));
		Instant now = Instant.now().plus(this.clockOffset);
		response.header("Date", SigningTime.httpDate(now));
		HttpFault refused = SigningTime.check(invocation.header("X-Amz-Date"), now);
		if (refused != null) {
			return error(response, invocation, requestId, refused, name);
		}
		String invalid = RequestValidation.check(name, body, invocation);
		if (invalid != null) {
			return error(response, invocation, requestId, HttpFault.validationError(invalid), name);
		}
		EmulatedEmbeddingEndpoint embedding = this.embeddingEndpoints.get(name);
		if (embedding != null) {
			return embed(response, invocation, requestId, embedding, body, streaming);
		}
		EmulatedEndpoint endpoint = this.endpoints.get(name);
		if (endpoint == null) {
			return error(response, invocation, requestId,
					HttpFault.validationError("Endpoint " + name + " of account 123456789012 not found."), name);
		}
		HttpFault httpFault = endpoint.nextHttpFault();
		if (httpFault != null) {
			return error(response, invocation, requestId, httpFault, name);
		}
		PromptReader.Request parsed = PromptReader.read(body);
		String sessionId = invocation.sessionId();
		if (sessionId != null && !Sessions.NEW_SESSION.equals(sessionId)) {
			String unknown = this.sessions.check(sessionId, name);
			if (unknown != null) {
				return error(response, invocation, requestId, HttpFault.validationError(unknown), name);
			}
		}
		if (Sessions.NEW_SESSION.equals(sessionId) && streaming) {
			return error(response, invocation, requestId, HttpFault.validationError("A stateful session can't be "
					+ "created with InvokeEndpointWithResponseStream. Create it with InvokeEndpoint and NEW_SESSION."),
					name);
		}
		EmulatedEndpoint.Settings settings = endpoint.settings();
		ChatRequestChecks.Refusal refusal = ChatRequestChecks.check(settings.dialect(), body);
		if (refusal != null) {
			return modelError(response, invocation, requestId, refusal.status(), refusal.body(), name);
		}
		String variant = (invocation.header("X-Amzn-SageMaker-Target-Variant") != null)
				? invocation.header("X-Amzn-SageMaker-Target-Variant") : settings.variant();
		if (!streaming && parsed.sessionRequest() != null) {
			return answerSessionRequest(response, invocation, requestId, endpoint, variant, parsed.sessionRequest());
		}
		response.status(200)
			.header("x-amzn-RequestId", requestId)
			.header("x-Amzn-Invoked-Production-Variant", variant)
			.header("X-Amzn-SageMaker-Content-Type", settings.dialect().contentType());
		if (settings.responseCustomAttributes() != null) {
			response.header("X-Amzn-SageMaker-Custom-Attributes", settings.responseCustomAttributes());
		}
		if (streaming && endpoint.isPreRendered()) {
			return Mono.fromCallable(() -> endpoint.preRenderedBody(settings, parsed))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((frames) -> sendPreRendered(response, invocation, frames));
		}
		// Rendering a long answer takes a while: keep it off the event loop, which other
		// connections share.
		Mono<StreamPlan> planned = Mono.fromCallable(() -> settings.plan(parsed))
			.subscribeOn(Schedulers.boundedElastic());
		if (!settings.responseDelay().isZero()) {
			planned = Mono.delay(settings.responseDelay()).then(planned);
		}
		return planned.flatMap((plan) -> send(response, invocation, plan, settings, streaming));
	}

	private Mono<Void> embed(HttpServerResponse response, RecordedInvocation invocation, String requestId,
			EmulatedEmbeddingEndpoint endpoint, byte[] body, boolean streaming) {
		if (streaming) {
			return error(response, invocation, requestId, HttpFault.validationError(
					"The emulator's embedding " + "endpoint " + endpoint.name() + " answers InvokeEndpoint only."),
					endpoint.name());
		}
		HttpFault fault = endpoint.nextHttpFault();
		if (fault != null) {
			return error(response, invocation, requestId, fault, endpoint.name());
		}
		if (endpoint.nextReset()) {
			// With a zero linger time, closing the socket sends a TCP RST.
			invocation.ended(StreamOutcome.FAULTED);
			return response
				.withConnection((connection) -> connection.channel().config().setOption(ChannelOption.SO_LINGER, 0))
				.withConnection((connection) -> connection.channel().close())
				.then();
		}
		// A container refuses a request it cannot take at once, and takes its time over
		// the vectors.
		Duration delay = endpoint.answerDelay();
		return Mono.fromCallable(() -> EmbeddingAnswers.answer(endpoint, body))
			.subscribeOn(Schedulers.boundedElastic())
			.delayUntil((answer) -> (answer.ok() && !delay.isZero()) ? Mono.delay(delay) : Mono.empty())
			.flatMap((container) -> {
				if (!container.ok()) {
					return modelError(response, invocation, requestId, container.status(), container.body(),
							endpoint.name());
				}
				return response.status(200)
					.header("x-amzn-RequestId", requestId)
					.header("x-Amzn-Invoked-Production-Variant", "AllTraffic")
					.header("Content-Type", "application/json")
					.sendString(Mono.just(container.body()))
					.then()
					.doFinally((signal) -> invocation.ended(StreamOutcome.COMPLETED));
			})
			.doOnCancel(() -> invocation.ended(StreamOutcome.ABANDONED));
	}

	/**
	 * Answers an open or close payload as the endpoint's {@link SessionHandler} does. The
	 * container opens a session for any open payload, but SageMaker routes it, and
	 * reports it in {@code X-Amzn-SageMaker-New-Session-Id}, only when the request asked
	 * for {@code NEW_SESSION}; a close of a session that the container does not hold (the
	 * request named none, or {@code NEW_SESSION}) is the container's 424, which SageMaker
	 * turns into a {@code ModelError}.
	 */
	private Mono<Void> answerSessionRequest(HttpServerResponse response, RecordedInvocation invocation,
			String requestId, EmulatedEndpoint endpoint, String variant, String requestType) {
		SessionHandler handler = endpoint.sessionHandler();
		String sessionId = invocation.sessionId();
		String body;
		if (Sessions.NEW_SESSION.equals(requestType)) {
			if (Sessions.NEW_SESSION.equals(sessionId)) {
				String id = this.sessions.open(endpoint.name());
				response.header("X-Amzn-SageMaker-New-Session-Id", this.sessions.newSessionHeader(id));
				body = SessionReplies.created(handler, id);
			}
			else {
				body = SessionReplies.created(handler, UUID.randomUUID().toString());
			}
		}
		else if (sessionId != null && this.sessions.close(sessionId)) {
			response.header("X-Amzn-SageMaker-Closed-Session-Id", sessionId);
			body = SessionReplies.closed(handler, sessionId);
		}
		else {
			return error(response, invocation, requestId,
					HttpFault.modelError(SessionReplies.closeFailed(handler, sessionId)), endpoint.name());
		}
		return response.status(200)
			.header("x-amzn-RequestId", requestId)
			.header("x-Amzn-Invoked-Production-Variant", variant)
			.header("Content-Type", SessionReplies.CONTENT_TYPE)
			.sendString(Mono.just(body))
			.then()
			.doFinally((signal) -> invocation.ended(StreamOutcome.COMPLETED));
	}

	private static Mono<Void> send(HttpServerResponse response, RecordedInvocation invocation, StreamPlan plan,
			EmulatedEndpoint.Settings settings, boolean streaming) {
		if (!streaming) {
			response.header("Content-Type", WholeAnswers.contentType(settings.dialect()));
			return response.sendByteArray(Mono.just(WholeAnswers.render(settings.dialect(), plan.answer())))
				.then()
				.doFinally((signal) -> invocation.ended(StreamOutcome.COMPLETED));
		}
		response.header("Content-Type", "application/vnd.amazon.eventstream");
		// Reactor Netty cancels the frames when the client goes away, and completes the
		// handler either way.
		return response
			.send(plan.frames()
				.doOnNext((frame) -> invocation.sent(frame.length))
				.doOnComplete(() -> invocation.ended(plan.faulted() ? StreamOutcome.FAULTED : StreamOutcome.COMPLETED))
				.doOnError((ex) -> abort(response, invocation, ex))
				.doOnCancel(() -> invocation.ended(StreamOutcome.ABANDONED))
				.map(Unpooled::wrappedBuffer), (buffer) -> true)
			.then();
	}

	/**
	 * Writes a pre-rendered body in large slices, as fast as the connection takes them.
	 */
	private static Mono<Void> sendPreRendered(HttpServerResponse response, RecordedInvocation invocation, byte[] body) {
		response.header("Content-Type", "application/vnd.amazon.eventstream");
		List<ByteBuf> slices = new ArrayList<>(body.length / PRE_RENDERED_WRITE + 1);
		for (int start = 0; start < body.length; start += PRE_RENDERED_WRITE) {
			slices.add(Unpooled.wrappedBuffer(body, start, Math.min(PRE_RENDERED_WRITE, body.length - start)));
		}
		return response.send(Flux.fromIterable(slices), (buffer) -> true)
			.then()
			.doOnSuccess((done) -> invocation.sent(body.length))
			.doFinally((signal) -> invocation
				.ended((signal == SignalType.ON_COMPLETE) ? StreamOutcome.COMPLETED : StreamOutcome.ABANDONED));
	}

	private static void abort(HttpServerResponse response, RecordedInvocation invocation, Throwable failure) {
		if (failure instanceof StreamPlan.AbortedStream aborted && aborted.reset()) {
			// With a zero linger time, closing the socket sends a TCP RST.
			response
				.withConnection((connection) -> connection.channel().config().setOption(ChannelOption.SO_LINGER, 0));
		}
		invocation.ended(StreamOutcome.FAULTED);
	}

	private Mono<Void> controlPlaneOrSecurityTokenService(HttpServerRequest request, HttpServerResponse response) {
		if (SecurityTokenService.isQuery(request.requestHeaders().get("Content-Type"))) {
			return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
				SecurityTokenService.Answer answer = this.securityTokenService.answer(body);
				return response.status(answer.status())
					.header("Content-Type", "text/xml")
					.sendString(Mono.just(answer.body()))
					.then();
			});
		}
		return controlPlane(request, response);
	}

	private Mono<Void> containerCredentials(HttpServerRequest request, HttpServerResponse response) {
		ContainerCredentials.Answer answer = this.containerCredentials
			.answer(request.requestHeaders().get("Authorization"));
		return response.status(answer.status())
			.header("Content-Type", answer.contentType())
			.sendString(Mono.just(answer.body()))
			.then();
	}

	private Mono<Void> controlPlane(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			String target = request.requestHeaders().get("X-Amz-Target", "");
			String name = ControlPlane.endpointName(body);
			RecordedInvocation invocation = record(request, name, body);
			invocation.ended(StreamOutcome.COMPLETED);
			ControlPlane.Answer answer = ControlPlane.answer(target, name, this.endpoints.get(name),
					this.controlPlaneDenied);
			return response.status(answer.status())
				.header("Content-Type", "application/x-amz-json-1.1")
				.header("x-amzn-RequestId", UUID.randomUUID().toString())
				.sendString(Mono.just(answer.body()))
				.then();
		});
	}

	private RecordedInvocation record(HttpServerRequest request, String name, byte[] body) {
		Map<String, String> headers = new HashMap<>();
		request.requestHeaders()
			.forEach((entry) -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
		RecordedInvocation invocation = new RecordedInvocation(name, request.uri(), headers, body);
		this.invocations.add(invocation);
		return invocation;
	}

	/**
	 * Passes a container's refusal on as SageMaker does: a 424 {@code ModelError} that
	 * carries the container's status and body.
	 */
	private Mono<Void> modelError(HttpServerResponse response, RecordedInvocation invocation, String requestId,
			int containerStatus, String containerBody, String endpointName) {
		invocation.ended(StreamOutcome.FAULTED);
		return response.status(424)
			.header("Content-Type", "application/json")
			.header("x-amzn-RequestId", requestId)
			.header("x-amzn-ErrorType", "ModelError:http://internal.amazon.com/coral/com.amazonaws.sagemaker/")
			.sendString(Mono.just(ErrorBodies.modelError(containerStatus, containerBody, endpointName)))
			.then();
	}

	private Mono<Void> error(HttpServerResponse response, RecordedInvocation invocation, String requestId,
			HttpFault fault, String endpointName) {
		invocation.ended(StreamOutcome.FAULTED);
		return response.status(fault.status())
			.header("Content-Type", "application/json")
			.header("x-amzn-RequestId", requestId)
			.header("x-amzn-ErrorType",
					fault.errorType() + ":http://internal.amazon.com/coral/com.amazonaws.sagemaker/")
			.sendString(Mono.just(ErrorBodies.of(fault, endpointName)))
			.then();
	}

}
