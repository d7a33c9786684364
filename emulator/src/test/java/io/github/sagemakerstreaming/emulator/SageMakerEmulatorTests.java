package io.github.sagemakerstreaming.emulator;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The emulator's answers as the AWS SDK parses them. Streaming is exercised through the
 * starter's tests.
 */
class SageMakerEmulatorTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeClient client;

	@BeforeAll
	static void createClient() {
		client = SageMakerRuntimeClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(sagemaker.emulator().endpointOverride())
			.overrideConfiguration((override) -> override
				.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
			.build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void listensOnLoopback() {
		assertThat(sagemaker.emulator().endpointOverride().getHost()).isEqualTo("127.0.0.1");
	}

	@Test
	void invokeEndpointAnswersWithTheDialectsWholeAnswer(SageMakerEmulator emulator) {
		emulator.register("whole", Dialect.TGI).tokens("Hello", " there").variant("blue");
		InvokeEndpointResponse response = client.invokeEndpoint((request) -> request.endpointName("whole")
			.contentType("application/json")
			.body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}")));
		assertThat(response.body().asUtf8String()).startsWith("[{\"generated_text\":\"Hello there\",\"details\":{");
		assertThat(response.contentType()).isEqualTo("application/json");
		assertThat(response.invokedProductionVariant()).isEqualTo("blue");
	}

	@Test
	void theDefaultAnswerIsMadeFromThePrompt(SageMakerEmulator emulator) {
		emulator.register("echo", Dialect.VLLM_CHAT);
		InvokeEndpointResponse response = client.invokeEndpoint((request) -> request.endpointName("echo")
			.body(SdkBytes.fromUtf8String("{\"messages\":[{\"role\":\"user\",\"content\":\"What is a frame?\"}]}")));
		assertThat(response.body().asUtf8String()).contains("\"content\":\"You asked: \\\"What is a frame?\\\".");
		assertThat(DefaultAnswer.tokensFor("What is a frame?")).allMatch((token) -> !token.isEmpty());
	}

	@ParameterizedTest
	@CsvSource({
			"10, Signature expired: 20261205T100000Z is now earlier than 20261205T100500Z (20261205T101000Z - 5 min.)",
			"-10, Signature not yet current: 20261205T100000Z is still later than 20261205T095500Z (20261205T095000Z + 5 min.)" })
	void aRequestSignedMoreThanFiveMinutesFromTheServicesClockIsRefusedAsAwsRefusesIt(long minutes, String message) {
		Instant signed = Instant.parse("2026-12-05T10:00:00Z");
		HttpFault refusal = SigningTime.check("20261205T100000Z", signed.plusSeconds(minutes * 60));
		assertThat(refusal).isEqualTo(new HttpFault(403, "InvalidSignatureException", message));
		assertThat(SigningTime.check("20261205T100000Z", signed.plusSeconds(299))).isNull();
		assertThat(SigningTime.check("20261205T100000Z", signed.minusSeconds(299))).isNull();
		assertThat(SigningTime.httpDate(signed)).isEqualTo("Sat, 05 Dec 2026 10:00:00 GMT");
	}

	@Test
	void aClientTenMinutesBehindTheServiceIsRefusedWithTheServicesTime() throws Exception {
		try (SageMakerEmulator skewed = SageMakerEmulator.start()) {
			skewed.register("skewed", Dialect.TGI);
			skewed.clockOffset(Duration.ofMinutes(10));
			HttpURLConnection connection = (HttpURLConnection) URI
				.create(skewed.endpointOverride() + "/endpoints/skewed/invocations")
				.toURL()
				.openConnection();
			connection.setRequestMethod("POST");
			connection.setRequestProperty("Connection", "close");
			connection.setRequestProperty("X-Amz-Date",
					DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(Instant.now().atOffset(ZoneOffset.UTC)));
			connection.setDoOutput(true);
			connection.getOutputStream().write("{\"inputs\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
			assertThat(connection.getResponseCode()).isEqualTo(403);
			assertThat(connection.getHeaderField("x-amzn-ErrorType")).startsWith("InvalidSignatureException:");
			try (InputStream error = connection.getErrorStream()) {
				assertThat(new String(error.readAllBytes(), StandardCharsets.UTF_8)).contains("Signature expired: ");
			}
			Instant serviceTime = ZonedDateTime
				.parse(connection.getHeaderField("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
				.toInstant();
			assertThat(Duration.between(Instant.now(), serviceTime)).isBetween(Duration.ofMinutes(9),
					Duration.ofMinutes(11));
		}
	}

	@Test
	void anUnknownEndpointIsAValidationError() {
		assertThatExceptionOfType(ValidationErrorException.class)
			.isThrownBy(() -> client
				.invokeEndpoint((request) -> request.endpointName("missing").body(SdkBytes.fromUtf8String("{}"))))
			.withMessageContaining("Endpoint missing of account 123456789012 not found.")
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
	}

	@Test
	void aBadEndpointNameIsAValidationError() {
		assertThatExceptionOfType(ValidationErrorException.class)
			.isThrownBy(() -> client
				.invokeEndpoint((request) -> request.endpointName("bad_name").body(SdkBytes.fromUtf8String("{}"))))
			.withMessageContaining("endpointName");
	}

	@Test
	void anOversizedBodyIsAValidationError(SageMakerEmulator emulator) {
		emulator.register("big", Dialect.TGI);
		SdkBytes body = SdkBytes.fromByteArrayUnsafe(new byte[RequestValidation.MAX_BODY_BYTES + 1]);
		assertThatExceptionOfType(ValidationErrorException.class)
			.isThrownBy(() -> client.invokeEndpoint((request) -> request.endpointName("big").body(body)))
			.withMessageContaining("6291456");
	}

	@Test
	void customAttributesOverTheLimitAreAValidationError(SageMakerEmulator emulator) {
		emulator.register("attributes", Dialect.TGI);
		assertThatExceptionOfType(ValidationErrorException.class)
			.isThrownBy(() -> client.invokeEndpoint((request) -> request.endpointName("attributes")
				.customAttributes("a".repeat(1025))
				.body(SdkBytes.fromUtf8String("{}"))))
			.withMessageContaining("customAttributes");
	}

	@Test
	void aModelErrorCarriesTheContainersStatusAndLogStream(SageMakerEmulator emulator) {
		emulator.register("eula", Dialect.LMI).failBeforeStream(HttpFault.modelError("Need to pass custom_attributes"));
		assertThatExceptionOfType(ModelErrorException.class)
			.isThrownBy(() -> client
				.invokeEndpoint((request) -> request.endpointName("eula").body(SdkBytes.fromUtf8String("{}"))))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(424);
				assertThat(ex.originalStatusCode()).isEqualTo(424);
				assertThat(ex.originalMessage()).isEqualTo("Need to pass custom_attributes");
				assertThat(ex.logStreamArn()).contains("/aws/sagemaker/Endpoints/eula");
				assertThat(ex.requestId()).isNotBlank();
			});
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void aSessionIsOpenedWithNewSessionUsedAndClosedByTheContainer(SessionHandler handler, SageMakerEmulator emulator) {
		String name = "session-" + handler.ordinal();
		emulator.register(name, Dialect.RAW).tokens("ok").sessionHandler(handler);
		InvokeEndpointResponse opened = client.invokeEndpoint((request) -> request.endpointName(name)
			.sessionId("NEW_SESSION")
			.body(SdkBytes.fromUtf8String("{\"requestType\":\"NEW_SESSION\"}")));
		assertThat(opened.newSessionId()).matches("[0-9a-f-]{36}; Expires=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(opened.contentType()).isEqualTo("application/json");
		String id = opened.newSessionId().substring(0, 36);
		assertThat(opened.body().asUtf8String()).isEqualTo(switch (handler) {
			case SAGEMAKER_STANDARD -> "Session " + id + " created";
			case DJL -> "{\"result\": \"Session " + id + " created\"}\n";
		});
		InvokeEndpointResponse turn = client
			.invokeEndpoint((request) -> request.endpointName(name).sessionId(id).body(SdkBytes.fromUtf8String("{}")));
		assertThat(turn.closedSessionId()).isNull();
		assertThat(turn.body().asUtf8String()).isEqualTo("ok");
		InvokeEndpointResponse closed = client.invokeEndpoint((request) -> request.endpointName(name)
			.sessionId(id)
			.body(SdkBytes.fromUtf8String("{\"requestType\":\"CLOSE\"}")));
		assertThat(closed.closedSessionId()).isEqualTo(id);
		assertThat(closed.newSessionId()).isNull();
		assertThat(closed.body().asUtf8String()).isEqualTo(switch (handler) {
			case SAGEMAKER_STANDARD -> "Session " + id + " closed";
			case DJL -> "{\"result\": \"Session " + id + " closed\"}\n";
		});
		assertThatExceptionOfType(ValidationErrorException.class)
			.isThrownBy(() -> client.invokeEndpoint(
					(request) -> request.endpointName(name).sessionId(id).body(SdkBytes.fromUtf8String("{}"))))
			.withMessageContaining(id);
		assertThat(emulator.invocations(name)).extracting(RecordedInvocation::sessionId)
			.containsExactly("NEW_SESSION", id, id, id);
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void aModelPayloadWithNewSessionGetsTheModelsAnswerAndNoSession(SessionHandler handler,
			SageMakerEmulator emulator) {
		String name = "no-session-" + handler.ordinal();
		emulator.register(name, Dialect.RAW).tokens("ok").sessionHandler(handler);
		InvokeEndpointResponse response = client.invokeEndpoint(
				(request) -> request.endpointName(name).sessionId("NEW_SESSION").body(SdkBytes.fromUtf8String("open")));
		assertThat(response.newSessionId()).isNull();
		assertThat(response.body().asUtf8String()).isEqualTo("ok");
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void aCloseThatNamesNoSessionIsTheContainersFailureToClose(SessionHandler handler, SageMakerEmulator emulator) {
		String name = "close-unnamed-" + handler.ordinal();
		emulator.register(name, Dialect.RAW).sessionHandler(handler);
		assertThatExceptionOfType(ModelErrorException.class).isThrownBy(() -> client.invokeEndpoint(
				(request) -> request.endpointName(name).body(SdkBytes.fromUtf8String("{\"requestType\":\"CLOSE\"}"))))
			.satisfies((ex) -> {
				assertThat(ex.originalStatusCode()).isEqualTo(424);
				assertThat(ex.originalMessage()).isEqualTo(switch (handler) {
					case SAGEMAKER_STANDARD -> "{\"detail\":\"Failed to close session: invalid session_id: None\"}";
					case DJL -> "{\"error\":\"Failed to close session: invalid session_id: None\",\"code\":424}";
				});
			});
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void aCloseSentWithNewSessionIsTheContainersFailureToClose(SessionHandler handler, SageMakerEmulator emulator) {
		String name = "close-new-" + handler.ordinal();
		emulator.register(name, Dialect.RAW).sessionHandler(handler);
		assertThatExceptionOfType(ModelErrorException.class)
			.isThrownBy(() -> client.invokeEndpoint((request) -> request.endpointName(name)
				.sessionId("NEW_SESSION")
				.body(SdkBytes.fromUtf8String("{\"requestType\":\"CLOSE\"}"))))
			.satisfies((ex) -> assertThat(ex.originalMessage())
				.contains("Failed to close session: session not found: NEW_SESSION"));
	}

	@Test
	void errorsBeforeTheStreamCanBeLimitedToTheFirstInvocations(SageMakerEmulator emulator) {
		emulator.register("flaky", Dialect.RAW).tokens("ok").failBeforeStream(HttpFault.serviceUnavailable(), 2);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> client
				.invokeEndpoint((request) -> request.endpointName("flaky").body(SdkBytes.fromUtf8String("{}"))));
		}
		assertThat(client.invokeEndpoint((request) -> request.endpointName("flaky").body(SdkBytes.fromUtf8String("{}")))
			.body()
			.asUtf8String()).isEqualTo("ok");
		List<RecordedInvocation> invocations = emulator.invocations("flaky");
		assertThat(invocations).extracting(RecordedInvocation::outcome)
			.containsExactly(StreamOutcome.FAULTED, StreamOutcome.FAULTED, StreamOutcome.COMPLETED);
	}

	@Test
	void everyDialectRendersOneRecordPerTokenAndItsOwnContentType() {
		for (Dialect dialect : Dialect.values()) {
			assertThat(dialect.render(List.of("a", "b"), "stop")).as(dialect.name()).hasSizeGreaterThanOrEqualTo(2);
			assertThat(dialect.contentType()).as(dialect.name()).isNotBlank();
		}
		assertThat(Dialect.LMI.renderError("boom")).singleElement()
			.satisfies((record) -> assertThat(new String(record)).doesNotEndWith("\n"));
	}

}
