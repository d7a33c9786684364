package io.github.sagemakerstreaming.runtime;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.StreamOutcome;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host whose clock is ten minutes behind SageMaker's, on both transports: the first
 * call is refused for the time it was signed at, the clock is corrected from the
 * service's {@code Date}, the call is sent once more and streams; the next call is signed
 * right the first time. Isolated, because the SDK keeps its correction in a JVM-wide
 * offset that every client created meanwhile would start from.
 */
@Isolated
@ParameterizedClass
@EnumSource(Transport.class)
class ClockSkewIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	@Parameter
	Transport transport;

	@AfterEach
	void forgetTheCorrection() {
		SdkGlobalTime.setGlobalTimeOffset(0);
	}

	@Test
	void aCallRefusedForASkewedClockIsSignedAgainWithTheServicesTimeAndTheNextIsSignedRightAtOnce() {
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				EmulatorClient client = EmulatorClients.shared(emulator, NettyNioAsyncHttpClient.builder())) {
			emulator.clockOffset(Duration.ofMinutes(10));
			String name = TestEndpoints.register(emulator, Dialect.TGI);
			emulator.endpoint(name).tokens("a", "b");
			StreamingInferenceTemplate template = this.transport.template(client)
				.endpointName(name)
				.retry(1, Duration.ofMillis(10), Duration.ofMillis(20))
				.build();
			assertThat(template.stream("hi").collectList().block(TIMEOUT)).containsExactly("a", "b");
			List<RecordedInvocation> first = emulator.invocations(name);
			assertThat(first).hasSize(2);
			assertThat(first.get(0).awaitOutcome(TIMEOUT)).isEqualTo(StreamOutcome.FAULTED);
			assertSignedWithTheServicesTime(first.get(1));
			assertThat(template.stream("hi").collectList().block(TIMEOUT)).containsExactly("a", "b");
			List<RecordedInvocation> both = emulator.invocations(name);
			assertThat(both).hasSize(3);
			assertSignedWithTheServicesTime(both.get(2));
			assertThat(client.http().requests()).hasValue(3);
		}
	}

	@Test
	void aRefusalForTheTimeThatPersistsIsSentOnceMoreOnlyAndFailsWithTheRefusal() {
		AtomicInteger requests = new AtomicInteger();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> {
				requests.incrementAndGet();
				return response.status(403)
					.header("Content-Type", "application/json")
					.header("x-amzn-ErrorType", "RequestTimeTooSkewed")
					.header("Date", httpDate(Instant.now().plus(Duration.ofMinutes(10))))
					.sendString(Mono.just("{\"message\":\"The difference between the request time and the "
							+ "current time is too large.\"}"))
					.then();
			})))
			.bindNow();
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				EmulatorClient client = EmulatorClients.shared(emulator, NettyNioAsyncHttpClient.builder(),
						(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + server.port())))) {
			StreamingInferenceTemplate template = this.transport.template(client).endpointName("skewed").build();
			StepVerifier.create(template.stream("hi"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamingInferenceException.class)
					.extracting((failure) -> ((StreamingInferenceException) failure).errorCode())
					.isEqualTo("RequestTimeTooSkewed"))
				.verify(TIMEOUT);
			assertThat(requests).hasValue(2);
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void aCallIsSentOnceMoreForItsTimeOnlyOnceHoweverManyAttemptsItMakes() {
		AtomicInteger requests = new AtomicInteger();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> {
				if (requests.incrementAndGet() % 2 == 0) {
					return response.status(503)
						.header("Content-Type", "application/json")
						.header("x-amzn-ErrorType", "ServiceUnavailable")
						.sendString(Mono.just("{\"message\":\"The service is unavailable. Try again later.\"}"))
						.then();
				}
				return response.status(403)
					.header("Content-Type", "application/json")
					.header("x-amzn-ErrorType", "RequestTimeTooSkewed")
					.header("Date", httpDate(Instant.now().plus(Duration.ofMinutes(10))))
					.sendString(Mono.just("{\"message\":\"The difference between the request time and the "
							+ "current time is too large.\"}"))
					.then();
			})))
			.bindNow();
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				EmulatorClient client = EmulatorClients.shared(emulator, NettyNioAsyncHttpClient.builder(),
						(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + server.port())))) {
			StreamingInferenceTemplate template = this.transport.template(client)
				.endpointName("skewed-and-unavailable")
				.retry(3, Duration.ofMillis(10), Duration.ofMillis(20))
				.build();
			StepVerifier.create(template.stream("hi"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamingInferenceException.class)
					.extracting((failure) -> ((StreamingInferenceException) failure).errorCode())
					.isEqualTo("RequestTimeTooSkewed"))
				.verify(TIMEOUT);
			assertThat(requests).as("refused for its time, sent once more, unavailable, retried, refused again")
				.hasValue(3);
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void aRefusalForTheTimeWithoutADateIsNotSentAgainAndLeavesTheCorrectionAsItWas() {
		SdkGlobalTime.setGlobalTimeOffset(-600);
		List<String> signedAt = new CopyOnWriteArrayList<>();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> {
				signedAt.add(request.requestHeaders().get("X-Amz-Date"));
				return response.status(403)
					.header("Content-Type", "application/json")
					.header("x-amzn-ErrorType", "RequestTimeTooSkewed")
					.sendString(Mono.just("{\"message\":\"The difference between the request time and the "
							+ "current time is too large.\"}"))
					.then();
			})))
			.bindNow();
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				EmulatorClient client = EmulatorClients.shared(emulator, NettyNioAsyncHttpClient.builder(),
						(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + server.port())))) {
			StreamingInferenceTemplate template = this.transport.template(client).endpointName("skewed").build();
			StepVerifier.create(template.stream("hi"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamingInferenceException.class)
					.extracting((failure) -> ((StreamingInferenceException) failure).errorCode())
					.isEqualTo("RequestTimeTooSkewed"))
				.verify(TIMEOUT);
			assertThat(signedAt).as("nothing to correct the clock by, so nothing to send again").hasSize(1);
			if (this.transport == Transport.DIRECT) {
				// The SDK client, on the other transport, sets its own offset to none.
				assertThat(SdkGlobalTime.getGlobalTimeOffset()).isEqualTo(-600);
				StepVerifier.create(template.stream("hi")).expectError().verify(TIMEOUT);
				assertThat(signedAt).hasSize(2);
				assertSignedTenMinutesAhead(signedAt.get(1));
			}
		}
		finally {
			server.disposeNow();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					UnrecognizedClientException | 403 | The security token included in the request is invalid.
					InvalidSignatureException   | 403 | The request signature we calculated does not match the signature you provided.
					AccessDeniedException       | 403 | User: arn:aws:iam::123456789012:user/app is not authorized to perform: sagemaker:InvokeEndpoint
					IncompleteSignatureException| 401 | Authorization header requires 'Credential' parameter.
					""")
	void aRefusalOfTheCredentialsOnAHostWhoseClockIsCorrectedIsNotSentAgain(String errorType, int status,
			String message) {
		SdkGlobalTime.setGlobalTimeOffset(-600);
		List<String> signedAt = new CopyOnWriteArrayList<>();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> {
				signedAt.add(request.requestHeaders().get("X-Amz-Date"));
				return response.status(status)
					.header("Content-Type", "application/json")
					.header("x-amzn-ErrorType", errorType)
					.header("Date", httpDate(Instant.now().plus(Duration.ofMinutes(10))))
					.sendString(Mono.just("{\"message\":\"" + message + "\"}"))
					.then();
			})))
			.bindNow();
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				EmulatorClient client = EmulatorClients.shared(emulator, NettyNioAsyncHttpClient.builder(),
						(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + server.port())))) {
			StreamingInferenceTemplate template = this.transport.template(client).endpointName("refusing").build();
			AtomicReference<Throwable> refusal = new AtomicReference<>();
			StepVerifier.create(template.stream("hi")).consumeErrorWith(refusal::set).verify(TIMEOUT);
			assertThat(signedAt).as("the clock was right; the credentials were not").hasSize(1);
			assertSignedTenMinutesAhead(signedAt.get(0));
			assertThat(refusal.get()).isInstanceOfSatisfying(StreamingInferenceException.class, (failure) -> {
				assertThat(failure.errorCode()).isEqualTo(errorType);
				assertThat(failure).hasMessageContaining("credentials")
					.hasMessageContaining(message)
					.hasMessageNotContainingAny("Retry", "retry");
			});
		}
		finally {
			server.disposeNow();
		}
	}

	private static void assertSignedWithTheServicesTime(RecordedInvocation invocation) {
		assertSignedTenMinutesAhead(invocation.header("X-Amz-Date"));
	}

	private static void assertSignedTenMinutesAhead(String amzDate) {
		Instant signed = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		assertThat(Duration.between(Instant.now().plus(Duration.ofMinutes(10)), signed).abs())
			.isLessThan(Duration.ofMinutes(1));
	}

	private static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
	}

}
