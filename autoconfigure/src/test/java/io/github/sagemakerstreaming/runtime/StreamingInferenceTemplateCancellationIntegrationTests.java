package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import io.github.sagemakerstreaming.runtime.HeldResponses.Exchange;
import io.github.sagemakerstreaming.runtime.metrics.HttpPoolMetricPublisher;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A call given up at any moment gives its connection back or closes it, on both
 * transports. Each test gives a call up on a pool of one connection and then makes
 * another call, which must get that connection: a leaked one would fail it once the short
 * acquisition timeout has passed, and with no read timeout nothing else would ever free
 * it. Netty's leak detector watches every buffer meanwhile.
 */
@ParameterizedClass
@EnumSource(Transport.class)
@Isolated("Netty's leak detector is one for every test")
class StreamingInferenceTemplateCancellationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int TEN_MEBIBYTES = 10 * 1024 * 1024;

	private static NettyLeaks leaks;

	@Parameter
	Transport transport;

	private final HeldResponses sagemaker = new HeldResponses();

	private final EmulatorClient client = EmulatorClients.shared(this.sagemaker.uri(),
			NettyNioAsyncHttpClient.builder()
				.maxConcurrency(1)
				.connectionAcquisitionTimeout(Duration.ofSeconds(2))
				.readTimeout(Duration.ZERO));

	@BeforeAll
	static void watchLeaks() {
		leaks = NettyLeaks.watch();
	}

	@AfterAll
	static void stopWatching() {
		leaks.close();
	}

	@AfterEach
	void closeAndFindNoLeak() {
		this.client.close();
		this.sagemaker.close();
		assertThat(leaks.reported()).as("buffers leaked").isEmpty();
	}

	@Test
	void aCallGivenUpBeforeItsRequestIsWrittenLeavesTheConnectionFree() throws Exception {
		CompletableFuture<List<String>> first = template().stream("first").collectList().toFuture();
		Exchange busy = this.sagemaker.next(TIMEOUT);
		template().stream("given up while the only connection is busy").subscribe().dispose();
		this.sagemaker.answerAll();
		busy.answer();
		assertThat(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(HeldResponses.TOKENS);
		assertTheNextCallSucceeds();
	}

	@Test
	void aCallGivenUpBeforeTheStatusLineLeavesTheConnectionFree() {
		Disposable call = template().stream("given up").subscribe();
		this.sagemaker.next(TIMEOUT);
		call.dispose();
		assertTheNextCallSucceeds();
	}

	@Test
	void aCallGivenUpMidFrameLeavesTheConnectionFree() {
		List<byte[]> frames = Exchange.frames();
		byte[] second = frames.get(1);
		this.sagemaker.nextAnswers(TIMEOUT, (exchange) -> {
			exchange.streamHead();
			exchange.chunk(frames.get(0));
			exchange.chunk(Arrays.copyOf(second, second.length / 2));
		});
		StepVerifier.create(template().stream("given up")).expectNext("a").thenCancel().verify(TIMEOUT);
		assertTheNextCallSucceeds();
	}

	@Test
	void aCallGivenUpOnceTheWholeAnswerWasSentLeavesTheConnectionFree() {
		this.sagemaker.nextAnswers(TIMEOUT, Exchange::answer);
		StepVerifier.create(template().stream("given up"), 1).expectNext("a").thenCancel().verify(TIMEOUT);
		assertTheNextCallSucceeds();
	}

	@Test
	void aTenMebibyteErrorBodyFailsWithItsTypedErrorAndLeavesTheConnectionFree() {
		this.sagemaker.nextAnswers(TIMEOUT, (exchange) -> {
			exchange.errorHead(400, "ValidationError");
			exchange.chunk(errorBody(TEN_MEBIBYTES));
			exchange.end();
		});
		StepVerifier.create(template().stream("hi"))
			.expectErrorSatisfies(StreamingInferenceTemplateCancellationIntegrationTests::isValidationError)
			.verify(TIMEOUT);
		assertTheNextCallSucceeds();
	}

	@Test
	void anErrorBodyIsReadNoFurtherThanItsBound() {
		assumeTrue(this.transport == Transport.DIRECT, "the SDK client reads an error body to its end");
		this.sagemaker.nextAnswers(TIMEOUT, (exchange) -> {
			exchange.errorHead(400, "ValidationError");
			exchange.chunk(errorBody(TEN_MEBIBYTES));
		});
		StepVerifier.create(template().stream("hi"))
			.expectErrorSatisfies(StreamingInferenceTemplateCancellationIntegrationTests::isValidationError)
			.verify(TIMEOUT);
		assertTheNextCallSucceeds();
	}

	@Test
	void aCallGivenUpDuringAnErrorBodyAbandonsItAndLeavesTheConnectionFree() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		this.sagemaker.nextAnswers(TIMEOUT, (exchange) -> {
			exchange.errorHead(400, "ValidationError");
			exchange.chunk(errorBody(1024));
			started.countDown();
		});
		Disposable call = template().stream("given up").subscribe(null, (ex) -> {
		});
		assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		call.dispose();
		assertTheNextCallSucceeds();
	}

	/**
	 * A call given up is one cancelled observation, with the same tags on both transports
	 * (an answer without a production variant, as this server's, is {@code none} on
	 * both), and its HTTP metrics reach the client's metric publishers as the SDK client
	 * publishes them: not at all when it was given up before SageMaker's answer (the SDK
	 * client publishes a call's metrics only once its response has been handled), and
	 * once when given up mid-stream. A call made after it, whose metrics are published,
	 * shows that those of the call given up would have been by then.
	 */
	@Test
	void aCallGivenUpIsRecordedAsCancelledAndItsHttpMetricsAsTheSdkClientPublishesThem() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		try (EmulatorClient metered = EmulatorClients.shared(this.sagemaker.uri(), NettyNioAsyncHttpClient.builder(),
				(builder) -> builder.overrideConfiguration((override) -> override
					.addMetricPublisher(new HttpPoolMetricPublisher(meters, "sagemaker-runtime"))))) {
			StreamingInferenceTemplate template = this.transport.template(metered)
				.endpointName("held")
				.observationRegistry(observations)
				.build();
			Disposable beforeTheAnswer = template.stream("given up before the answer").subscribe();
			this.sagemaker.next(TIMEOUT);
			beforeTheAnswer.dispose();
			this.sagemaker.nextAnswers(TIMEOUT, (exchange) -> {
				exchange.streamHead();
				exchange.chunk(Exchange.frames().get(0));
			});
			StepVerifier.create(template.stream("given up mid-stream")).expectNext("a").thenCancel().verify(TIMEOUT);
			assertThat(meters.get(MeterNames.OPERATION_DURATION).tag("outcome", "cancelled").timer().count())
				.isEqualTo(2);
			this.sagemaker.answerAll();
			StepVerifier.create(template.stream("next"))
				.expectNextSequence(HeldResponses.TOKENS)
				.expectComplete()
				.verify(TIMEOUT);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(meters.get(MeterNames.HTTP_CONNECTIONS_ACQUIRE).timer().count())
					.as("the HTTP metrics of the call given up mid-stream and of the next call")
					.isEqualTo(2));
		}
	}

	private void assertTheNextCallSucceeds() {
		this.sagemaker.answerAll();
		StepVerifier.create(template().stream("next"))
			.expectNextSequence(HeldResponses.TOKENS)
			.expectComplete()
			.verify(TIMEOUT);
	}

	private StreamingInferenceTemplate template() {
		return this.transport.template(this.client).endpointName("held").build();
	}

	/**
	 * Returns the start of a JSON error body of the given length, whose message never
	 * ends.
	 */
	private static byte[] errorBody(int length) {
		byte[] body = new byte[length];
		Arrays.fill(body, (byte) 'x');
		byte[] start = "{\"message\":\"".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(start, 0, body, 0, start.length);
		return body;
	}

	private static void isValidationError(Throwable ex) {
		assertThat(ex)
			.isInstanceOfSatisfying(StreamingInferenceException.class,
					(failure) -> assertThat(failure.errorCode()).isEqualTo("ValidationError"))
			.hasCauseInstanceOf(ValidationErrorException.class);
	}

}
