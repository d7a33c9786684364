package io.github.sagemakerstreaming.runtime;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamFault;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same failure on both transports, side by side: the same exception, error code and
 * message, and a cause of the same SDK type with the same details.
 */
class DirectTransportParityIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static EmulatorClient client;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.shared(sagemaker.emulator(), NettyNioAsyncHttpClient.builder());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	static Stream<Arguments> faults() {
		return Stream.of(
				fault("model error",
						(endpoint) -> endpoint.failBeforeStream(HttpFault.modelError("accept_eula is required"))),
				fault("validation error",
						(endpoint) -> endpoint.failBeforeStream(HttpFault.validationError("Input too long"))),
				fault("model not ready", (endpoint) -> endpoint.failBeforeStream(HttpFault.modelNotReady())),
				fault("internal failure", (endpoint) -> endpoint.failBeforeStream(HttpFault.internalFailure())),
				fault("service unavailable", (endpoint) -> endpoint.failBeforeStream(HttpFault.serviceUnavailable())),
				fault("model stream error",
						(endpoint) -> endpoint.failAfterTokens(1,
								StreamFault.modelStreamError("ModelInvocationTimeExceeded", "took too long"))),
				fault("internal stream failure",
						(endpoint) -> endpoint.failAfterTokens(1, StreamFault.internalStreamFailure("boom"))),
				fault("container error", (endpoint) -> endpoint.failAfterTokens(1, StreamFault.containerError("OOM"))),
				fault("closed mid-frame", (endpoint) -> endpoint.failAfterTokens(1, StreamFault.closeMidFrame())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void aFailureReachesTheSubscriberAsTheSameExceptionOnBothTransports(String fault,
			Consumer<EmulatedEndpoint> setUp) {
		EmulatedEndpoint endpoint = sagemaker.emulator()
			.endpoint(TestEndpoints.register(sagemaker.emulator(), Dialect.TGI))
			.tokens("a", "b");
		setUp.accept(endpoint);
		Throwable sdk = failure(Transport.SDK, endpoint.name());
		Throwable direct = failure(Transport.DIRECT, endpoint.name());
		assertSameFailure(sdk, direct);
		if (direct.getCause() instanceof AwsServiceException directCause) {
			assertThat(directCause.requestId()).isNotBlank();
		}
	}

	/**
	 * Error responses of every shape that can reach a client: SageMaker's own, with and
	 * without {@code x-amzn-ErrorType}, and those of what may stand between the client
	 * and SageMaker (a proxy, a VPC endpoint, a load balancer), which carry no error type
	 * and often no JSON.
	 */
	static Stream<Arguments> errorResponses() {
		String coral = ":http://internal.amazon.com/coral/com.amazonaws.sagemaker/";
		return Stream.of(errorResponse("500 without a body or an error type", 500, Map.of(), ""),
				errorResponse("503 without a body or an error type", 503, Map.of(), ""),
				errorResponse("403 without a body or an error type", 403, Map.of(), ""),
				errorResponse("502 from a load balancer, in HTML", 502, Map.of("Content-Type", "text/html"),
						"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
								+ "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"),
				errorResponse("413 from a proxy, in HTML", 413, Map.of("Content-Type", "text/html"),
						"<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
								+ "<center><h1>413 Request Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n"),
				errorResponse("404 in plain text", 404, Map.of("Content-Type", "text/plain"), "Not Found"),
				errorResponse("500 with JSON cut short", 500, json(), "{\"message\":\"cut"),
				errorResponse("__type with a namespace", 400, json(),
						"{\"__type\":\"com.amazonaws.sagemaker#ValidationError\",\"message\":\"Input too long\"}"),
				errorResponse("__type of an unmodeled error", 403, json(),
						"{\"__type\":\"AccessDeniedException\",\"Message\":\"User is not authorized\"}"),
				errorResponse("__type that is not a string", 400, json(), "{\"__type\":42,\"message\":\"odd\"}"),
				errorResponse("code and message, no type", 500, json(),
						"{\"code\":\"InternalServerError\",\"message\":\"boom\"}"),
				errorResponse("errorMessage only", 503, json(), "{\"errorMessage\":\"try later\"}"),
				errorResponse("error type with the Coral suffix", 400,
						Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ValidationError" + coral,
								"x-amzn-RequestId", "req-1"),
						"{\"Message\":\"Input too long\"}"),
				errorResponse("error type without a suffix", 429,
						Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ModelNotReadyException"),
						"{\"message\":\"Model is not ready\"}"),
				errorResponse("unmodeled error type with the Coral suffix", 403,
						Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
								"UnrecognizedClientException" + coral),
						"{\"message\":\"The security token included in the request is invalid.\"}"),
				errorResponse("error type and message in headers, no body", 400,
						Map.of("x-amzn-ErrorType", "ValidationError", "x-amzn-error-message", "From the header")),
				errorResponse("error type in the header and another in the body", 500,
						Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "InternalFailure" + coral),
						"{\"__type\":\"ValidationError\",\"message\":\"the header wins\"}"),
				errorResponse("modeled error type with an HTML body", 503,
						Map.of("Content-Type", "text/html", "x-amzn-ErrorType", "ServiceUnavailable"),
						"<html><body>Service Unavailable</body></html>"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorResponses")
	void anErrorResponseOfAnyShapeFailsTheSameOnBothTransports(String shape, int status, Map<String, String> headers,
			String body) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> {
				headers.forEach(response::header);
				return response.status(status).sendString(Mono.just(body)).then();
			})))
			.bindNow();
		try (EmulatorClient proxied = EmulatorClients.shared(sagemaker.emulator(), NettyNioAsyncHttpClient.builder(),
				(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + server.port())))) {
			Throwable sdk = failure(Transport.SDK, proxied, "behind-a-proxy");
			Throwable direct = failure(Transport.DIRECT, proxied, "behind-a-proxy");
			assertSameFailure(sdk, direct);
		}
		finally {
			server.disposeNow();
		}
	}

	/**
	 * Error responses whose body the SDK's error unmarshaller cannot read: the body is
	 * JSON, but with a member of a type or size that SageMaker's model contradicts.
	 */
	static Stream<Arguments> unreadableErrorResponses() {
		Map<String, String> modelError = Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
				"ModelError:http://internal.amazon.com/coral/com.amazonaws.sagemaker/", "x-amzn-RequestId", "req-1");
		return Stream.of(
				errorResponse("ModelError whose status is not a number", 424, modelError,
						"{\"OriginalStatusCode\":\"four hundred\",\"Message\":\"odd\"}"),
				errorResponse("ModelError whose status is too large", 424, modelError,
						"{\"OriginalStatusCode\":99999999999999999999,\"Message\":\"odd\"}"),
				errorResponse("500 whose JSON claims a ModelError with a status that is not a number", 500,
						Map.of("Content-Type", "application/json"),
						"{\"__type\":\"ModelError\",\"OriginalStatusCode\":\"x\"}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unreadableErrorResponses")
	void anErrorResponseWhoseBodyTheSdkCannotReadFailsOnTheDirectTransportAsItWouldWithoutTheBody(String shape,
			int status, Map<String, String> headers, String body) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> {
				headers.forEach(response::header);
				return response.status(status)
					.sendString(Mono.just(request.uri().contains("without-its-body") ? "" : body))
					.then();
			})))
			.bindNow();
		try (EmulatorClient proxied = EmulatorClients.shared(sagemaker.emulator(), NettyNioAsyncHttpClient.builder(),
				(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + server.port())))) {
			Throwable direct = failure(Transport.DIRECT, proxied, "with-its-body");
			Throwable withoutBody = failure(Transport.DIRECT, proxied, "without-its-body");
			assertThat(direct).isExactlyInstanceOf(StreamingInferenceException.class)
				.hasMessage(withoutBody.getMessage().replace("without-its-body", "with-its-body"));
			assertThat(((StreamingInferenceException) direct).errorCode())
				.isEqualTo(((StreamingInferenceException) withoutBody).errorCode());
			assertThat(direct.getCause()).isExactlyInstanceOf(withoutBody.getCause().getClass());
			assertThat(direct.getCause().getSuppressed()).singleElement().isInstanceOf(NumberFormatException.class);
			assertThat(direct.getMessage()).doesNotContain("null");
			assertThat(RetrySettings.isRetryable(direct)).isEqualTo(RetrySettings.isRetryable(withoutBody));
			assertSameFailure(failure(Transport.SDK, proxied, "without-its-body"), withoutBody);
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void aResetWhileReadingAnErrorBodyFailsTheSameOnBothTransports() {
		try (HeldResponses sagemaker = new HeldResponses();
				EmulatorClient resetting = EmulatorClients.shared(sagemaker.uri(), NettyNioAsyncHttpClient.builder())) {
			Throwable sdk = failureOfAResetErrorBody(Transport.SDK, sagemaker, resetting);
			Throwable direct = failureOfAResetErrorBody(Transport.DIRECT, sagemaker, resetting);
			assertSameFailure(sdk, direct);
			assertThat(RetrySettings.isRetryable(direct)).isEqualTo(RetrySettings.isRetryable(sdk));
			assertThat(resetting.http().requests()).hasValue(2);
		}
	}

	/**
	 * Fails a call whose answer is a 503's status line, headers and the start of its
	 * body, and then a reset, with retries off so that the failure of the one attempt
	 * reaches the subscriber.
	 */
	private static Throwable failureOfAResetErrorBody(Transport transport, HeldResponses sagemaker,
			EmulatorClient client) {
		sagemaker.nextAnswers(TIMEOUT, (exchange) -> {
			exchange.errorHead(503, "ServiceUnavailable");
			exchange.chunk("{\"message\":\"Service unava".getBytes(StandardCharsets.UTF_8));
			exchange.reset();
		});
		StreamingInferenceTemplate template = transport.template(client)
			.endpointName("reset-error-body")
			.retry(1, Duration.ofMillis(10), Duration.ofMillis(20))
			.build();
		Throwable[] failure = new Throwable[1];
		template.stream("hi").onErrorResume((ex) -> {
			failure[0] = ex;
			return reactor.core.publisher.Flux.empty();
		}).blockLast(TIMEOUT);
		assertThat(failure[0]).as("%s failure", transport).isNotNull();
		return failure[0];
	}

	@Test
	void credentialsThatCannotBeResolvedFailTheSameOnBothTransports() {
		String name = TestEndpoints.register(sagemaker.emulator(), Dialect.TGI);
		try (EmulatorClient noCredentials = EmulatorClients.shared(sagemaker.emulator(),
				NettyNioAsyncHttpClient.builder(), (builder) -> builder.credentialsProvider(() -> {
					throw SdkClientException.create("Unable to load credentials from any of the providers");
				}))) {
			Throwable sdk = failure(Transport.SDK, noCredentials, name);
			Throwable direct = failure(Transport.DIRECT, noCredentials, name);
			assertThat(direct).isExactlyInstanceOf(sdk.getClass()).hasMessage(sdk.getMessage());
			assertThat(((StreamingInferenceException) direct).errorCode())
				.isEqualTo(((StreamingInferenceException) sdk).errorCode());
			assertThat(direct.getMessage()).contains("Unable to load credentials");
			assertThat(direct.getCause()).isInstanceOf(SdkClientException.class);
			assertThat(sdk.getCause()).isInstanceOf(SdkClientException.class);
		}
		assertThat(sagemaker.emulator().invocations(name)).isEmpty();
	}

	/**
	 * Asserts that the two transports failed the same way: the same exception, error code
	 * and message, and a cause of the same SDK type with the same details.
	 */
	private static void assertSameFailure(Throwable sdk, Throwable direct) {
		assertThat(direct).isExactlyInstanceOf(sdk.getClass()).hasMessage(sdk.getMessage());
		StreamingInferenceException sdkFailure = (StreamingInferenceException) sdk;
		StreamingInferenceException directFailure = (StreamingInferenceException) direct;
		assertThat(directFailure.errorCode()).isEqualTo(sdkFailure.errorCode());
		assertThat(directFailure.endpointName()).isEqualTo(sdkFailure.endpointName());
		assertThat(directFailure.requestId() != null).isEqualTo(sdkFailure.requestId() != null);
		if (sdk.getCause() == null) {
			assertThat(direct.getCause()).isNull();
			return;
		}
		assertThat(direct.getCause()).isExactlyInstanceOf(sdk.getCause().getClass());
		if (sdk.getCause() instanceof AwsServiceException sdkCause) {
			AwsServiceException directCause = (AwsServiceException) direct.getCause();
			assertThat(directCause.statusCode()).isEqualTo(sdkCause.statusCode());
			assertThat(directCause.awsErrorDetails().errorCode()).isEqualTo(sdkCause.awsErrorDetails().errorCode());
			assertThat(directCause.awsErrorDetails().errorMessage())
				.isEqualTo(sdkCause.awsErrorDetails().errorMessage());
			assertThat(directCause.awsErrorDetails().serviceName()).isEqualTo(sdkCause.awsErrorDetails().serviceName());
			assertThat(directCause.requestId() != null).isEqualTo(sdkCause.requestId() != null);
			assertThat(directCause.isClockSkewException()).isEqualTo(sdkCause.isClockSkewException());
		}
		if (sdk.getCause() instanceof ModelErrorException sdkCause) {
			ModelErrorException directCause = (ModelErrorException) direct.getCause();
			assertThat(directCause.originalStatusCode()).isEqualTo(sdkCause.originalStatusCode());
			assertThat(directCause.originalMessage()).isEqualTo(sdkCause.originalMessage());
			assertThat(directCause.logStreamArn()).isEqualTo(sdkCause.logStreamArn());
		}
		if (sdk.getCause() instanceof ModelStreamErrorException sdkCause) {
			assertThat(((ModelStreamErrorException) direct.getCause()).errorCode()).isEqualTo(sdkCause.errorCode());
		}
	}

	private static Throwable failure(Transport transport, String endpointName) {
		return failure(transport, client, endpointName);
	}

	private static Throwable failure(Transport transport, EmulatorClient client, String endpointName) {
		StreamingInferenceTemplate template = transport.template(client)
			.endpointName(endpointName)
			.retry(2, Duration.ofMillis(10), Duration.ofMillis(20))
			.build();
		Throwable[] failure = new Throwable[1];
		template.stream("hi").onErrorResume((ex) -> {
			failure[0] = ex;
			return reactor.core.publisher.Flux.empty();
		}).blockLast(TIMEOUT);
		assertThat(failure[0]).as("%s failure", transport).isNotNull();
		return failure[0];
	}

	private static Arguments fault(String name, Consumer<EmulatedEndpoint> setUp) {
		return Arguments.of(name, setUp);
	}

	private static Arguments errorResponse(String shape, int status, Map<String, String> headers, String body) {
		return Arguments.of(shape, status, headers, body);
	}

	private static Arguments errorResponse(String shape, int status, Map<String, String> headers) {
		return errorResponse(shape, status, headers, "");
	}

	private static Map<String, String> json() {
		return Map.of("Content-Type", "application/json");
	}

}
