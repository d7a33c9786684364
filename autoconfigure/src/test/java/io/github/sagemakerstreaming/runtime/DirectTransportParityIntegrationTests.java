package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
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
			assertThat(directCause.requestId()).isNotBlank();
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

}
