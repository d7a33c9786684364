package io.github.sagemakerstreaming.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamFault;
import io.github.sagemakerstreaming.emulator.StreamOutcome;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import io.github.sagemakerstreaming.runtime.format.ContainerDialectDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The faults users meet with streaming endpoints, each through the real SDK against the
 * emulator, on both transports: the expected error or recovery, tokens delivered exactly
 * once, and the connection closed.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class StreamingInferenceTemplateFaultIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final List<String> ABC = List.of("a", "b", "c");

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static EmulatorClient client;

	@Parameter
	Transport transport;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.shared(sagemaker.emulator(),
				NettyNioAsyncHttpClient.builder()
					.maxConcurrency(8)
					.connectionAcquisitionTimeout(Duration.ofSeconds(3)));
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void aConnectionResetMidStreamFailsNamingTheEndpointAfterTheTokensBeforeIt() {
		String name = endpoint(Dialect.TGI).failAfterTokens(2, StreamFault.connectionReset()).name();
		StepVerifier.create(template(name).stream("hi"))
			.expectNext("a", "b")
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(StreamingInferenceException.class).hasMessageContaining(name))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aConnectionClosedCleanlyMidFrameFailsAsIncomplete() {
		String name = endpoint(Dialect.VLLM_CHAT).failAfterTokens(2, StreamFault.closeMidFrame()).name();
		StepVerifier.create(template(name).stream("hi"))
			.expectNext("a", "b")
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(IncompleteStreamException.class).hasMessageContaining(name))
			.verify(TIMEOUT);
	}

	@Test
	void aStallBeforeTheFirstTokenFiresTheFirstTokenTimeoutAndClosesTheConnection() {
		String name = endpoint(Dialect.TGI).firstTokenDelay(Duration.ofSeconds(10)).name();
		InferenceRequest request = InferenceRequest.builder()
			.prompt("hi")
			// Long enough for the request to reach the container even on a busy machine
			// that is still opening its first connection: the connection to close is the
			// one it holds.
			.firstTokenTimeout(Duration.ofSeconds(2))
			.build();
		StepVerifier.create(template(name).stream(request))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(StreamTimeoutException.class, (timeout) -> {
						assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.FIRST_TOKEN);
						assertThat(timeout.errorCode()).isEqualTo("FirstTokenTimeout");
						assertThat(timeout.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
						assertThat(timeout).hasMessageContaining(name).hasMessageContaining("first-token-timeout");
					}))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name).get(0).awaitConnectionClosed(TIMEOUT)).as("connection closed").isTrue();
	}

	@Test
	void aStallMidStreamFiresTheIdleTimeoutAndClosesTheConnection() {
		String name = endpoint(Dialect.LMI).pauseAfterTokens(2, Duration.ofSeconds(10)).name();
		InferenceRequest request = InferenceRequest.builder().prompt("hi").idleTimeout(Duration.ofMillis(500)).build();
		StepVerifier.create(template(name).stream(request))
			.expectNext("a", "b")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE)))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name).get(0).awaitConnectionClosed(TIMEOUT)).as("connection closed").isTrue();
	}

	@Test
	void keepAlivesDuringALongPauseKeepTheIdleTimeoutFromFiring() {
		String name = endpoint(Dialect.TGI).pauseAfterTokens(2, Duration.ofMillis(3000))
			.keepAliveInterval(Duration.ofMillis(100))
			.name();
		InferenceRequest request = InferenceRequest.builder().prompt("hi").idleTimeout(Duration.ofMillis(1000)).build();
		StepVerifier.create(template(name).stream(request)).expectNextSequence(ABC).expectComplete().verify(TIMEOUT);
	}

	@Test
	void theTotalTimeoutBoundsTheWholeStream() {
		String name = endpoint(Dialect.VLLM_CHAT).tokens(IntStream.range(0, 50).mapToObj((i) -> "t" + i).toList())
			.tokenDelay(Duration.ofMillis(100))
			.name();
		InferenceRequest request = InferenceRequest.builder()
			.prompt("hi")
			.totalTimeout(Duration.ofMillis(1500))
			.build();
		List<String> received = new ArrayList<>();
		StepVerifier.create(template(name).stream(request))
			.recordWith(() -> received)
			.thenConsumeWhile((token) -> true)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.TOTAL)))
			.verify(TIMEOUT);
		assertThat(received).isNotEmpty().hasSizeLessThan(50);
		assertThat(emulator().invocations(name).get(0).awaitConnectionClosed(TIMEOUT)).as("connection closed").isTrue();
	}

	@Test
	void aModelNotReady429IsRetriedAndSucceeds() {
		String name = endpoint(Dialect.TGI).failBeforeStream(HttpFault.modelNotReady(), 1).name();
		StepVerifier.create(template(name).stream("hi")).expectNextSequence(ABC).expectComplete().verify(TIMEOUT);
		assertThat(emulator().invocations(name)).extracting(RecordedInvocation::outcome)
			.containsExactly(StreamOutcome.FAULTED, StreamOutcome.COMPLETED);
	}

	@Test
	void a503TwiceIsRetriedTwiceAndSucceeds() {
		String name = endpoint(Dialect.TGI).failBeforeStream(HttpFault.serviceUnavailable(), 2).name();
		StepVerifier.create(template(name).stream("hi")).expectNextSequence(ABC).expectComplete().verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(3);
	}

	@Test
	void retriesStopAtTheMaximumNumberOfAttempts() {
		String name = endpoint(Dialect.TGI).failBeforeStream(HttpFault.internalFailure()).name();
		StepVerifier.create(template(name).stream("hi"))
			.expectErrorSatisfies(
					(ex) -> assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("InternalFailure"))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(3);
	}

	@Test
	void aModelError424IsNotRetried() {
		String name = endpoint(Dialect.LMI).failBeforeStream(HttpFault.modelError("accept_eula is required")).name();
		StepVerifier.create(template(name).stream("hi")).expectErrorSatisfies((ex) -> {
			assertThat(ex).hasCauseInstanceOf(ModelErrorException.class)
				.hasMessageContaining("accept_eula is required");
			assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ModelError");
		}).verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aValidationError400IsNotRetried() {
		String name = endpoint(Dialect.LMI).failBeforeStream(HttpFault.validationError("Input too long")).name();
		StepVerifier.create(template(name).stream("hi")).expectErrorSatisfies((ex) -> {
			assertThat(ex).hasCauseInstanceOf(ValidationErrorException.class);
			assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ValidationError");
		}).verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aModelStreamErrorAfterTokensEndsTheStreamWithItsCodeAndReplaysNothing() {
		String name = endpoint(Dialect.TGI)
			.failAfterTokens(2,
					StreamFault.modelStreamError("ModelInvocationTimeExceeded",
							"Your model primary did not complete sending the inference response in the allotted time."))
			.name();
		StepVerifier.create(template(name).stream("hi")).expectNext("a", "b").expectErrorSatisfies((ex) -> {
			assertThat(ex).hasCauseInstanceOf(ModelStreamErrorException.class).hasMessageContaining(name);
			assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ModelInvocationTimeExceeded");
			assertThat(((StreamingInferenceException) ex).requestId()).isNotBlank();
		}).verify(TIMEOUT);
		assertThat(emulator().invocations(name)).as("neither the SDK nor the template may replay the stream")
			.hasSize(1);
	}

	@Test
	void anInternalStreamFailureAfterTokensEndsTheStreamWithItsCodeAndReplaysNothing() {
		String name = endpoint(Dialect.VLLM_CHAT).failAfterTokens(1, StreamFault.internalStreamFailure("boom")).name();
		StepVerifier.create(template(name).stream("hi"))
			.expectNext("a")
			.expectErrorSatisfies((ex) -> assertThat(((StreamingInferenceException) ex).errorCode())
				.isEqualTo("InternalStreamFailure"))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aCorruptedFrameFailsWithAClearError() {
		String name = endpoint(Dialect.TGI).failAfterTokens(1, StreamFault.badChecksum()).name();
		StepVerifier.create(template(name).stream("hi")).expectNext("a").expectErrorSatisfies((ex) -> {
			assertThat(((StreamingInferenceException) ex).errorCode())
				.isEqualTo(StreamingInferenceException.CLIENT_ERROR);
			assertThat(ex).hasMessageContaining(name).hasMessageContaining("checksum");
		}).verify(TIMEOUT);
	}

	@Test
	void anUnknownEventTypeIsIgnored() {
		String name = endpoint(Dialect.LMI).failAfterTokens(1, StreamFault.unknownEvent()).name();
		StepVerifier.create(template(name).stream("hi")).expectNextSequence(ABC).expectComplete().verify(TIMEOUT);
	}

	@Test
	void anOversizedLineFailsWithABoundedError() {
		String name = endpoint(Dialect.LMI).tokens("a", "x".repeat(4 * 1024 * 1024), "c").partSize(64 * 1024).name();
		StreamingInferenceTemplate template = this.transport.template(client)
			.endpointName(name)
			.decoder(new ContainerDialectDecoder(256 * 1024))
			.build();
		StepVerifier.create(template.stream("hi"))
			.expectNext("a")
			.expectErrorSatisfies((ex) -> assertThat(((StreamingInferenceException) ex).errorCode())
				.isEqualTo(StreamingInferenceException.RECORD_TOO_LARGE))
			.verify(TIMEOUT);
	}

	@Test
	void invalidUtf8InATokenBecomesAReplacementCharacterAndTheStreamGoesOn() {
		String name = endpoint(Dialect.TGI).failAfterTokens(1, StreamFault.invalidUtf8()).name();
		StepVerifier.create(template(name).stream("hi"))
			.expectNext("a", "bad\uFFFD(byte", "b", "c")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "VLLM_CHAT", "TGI" })
	void aRecordNestedTooDeepFailsTheStreamAtOnceAsMalformed(Dialect dialect) {
		String name = endpoint(dialect).failAfterTokens(1, StreamFault.deeplyNested()).name();
		StepVerifier.create(template(name).stream("hi"))
			.expectNext("a")
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(StreamingInferenceException.class, (failure) -> {
						assertThat(failure.errorCode()).isEqualTo(StreamingInferenceException.MALFORMED_RECORD);
						assertThat(failure).hasMessageContaining(name).hasMessageContaining("nesting depth");
					}))
			.verify(TIMEOUT);
	}

	@Test
	void subscribersCancellingAtRandomPointsCloseTheirConnectionsAndReturnEveryLease() {
		PoolProbe leases = new PoolProbe();
		try (EmulatorClient ownClient = EmulatorClients.shared(emulator(),
				NettyNioAsyncHttpClient.builder().maxConcurrency(8),
				(builder) -> builder.overrideConfiguration((override) -> override.addMetricPublisher(leases)))) {
			String name = endpoint(Dialect.VLLM_CHAT).tokens(IntStream.range(0, 60).mapToObj((i) -> " t" + i).toList())
				.tokenDelay(Duration.ofMillis(30))
				.name();
			StreamingInferenceTemplate template = this.transport.template(ownClient).endpointName(name).build();
			Flux.range(0, 24)
				.flatMap((i) -> template.stream("hi").take(ThreadLocalRandom.current().nextInt(1, 21)).then(), 8)
				.blockLast(TIMEOUT);
			assertThat(emulator().invocations(name)).hasSize(24)
				.allSatisfy(
						(invocation) -> assertThat(invocation.awaitConnectionClosed(TIMEOUT)).as("connection closed")
							.isTrue());
			StreamingInferenceTemplate probe = this.transport.template(ownClient)
				.endpointName(endpoint(Dialect.TGI).name())
				.build();
			assertThat(leases.settledLeases(() -> probe.stream("hi").blockLast(TIMEOUT), TIMEOUT))
				.as("connections still leased")
				.isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "VLLM_CHAT", "LMI_VLLM", "VLLM_COMPLETIONS" })
	void aRequestForSeveralChoicesGetsTheFirstWholeAndNothingOfTheOthers(Dialect dialect) {
		List<String> tokens = IntStream.range(0, 8).mapToObj((i) -> " t" + i).toList();
		String name = endpoint(dialect).tokens(tokens).finishReason("stop").partSize(7).name();
		InferenceRequest request = InferenceRequest.builder().prompt("hi").parameter("n", 2).build();
		List<InferenceChunk> chunks = template(name).streamChunks(request).collectList().block(TIMEOUT);
		assertThat(chunks).filteredOn((chunk) -> !chunk.last())
			.extracting(InferenceChunk::text)
			.containsExactlyElementsOf(tokens);
		assertThat(chunks.get(chunks.size() - 1)).satisfies((last) -> {
			assertThat(last.last()).isTrue();
			assertThat(last.finishReason()).isEqualTo("stop");
		});
		assertThat(emulator().invocations(name).get(0).bodyAsString()).contains("\"n\":2");
	}

	@Test
	void aReadTimeoutAfterTheRequestWasWrittenIsReportedAsSuchAndNeverRetried() {
		String name = endpoint(Dialect.TGI).responseDelay(Duration.ofSeconds(6)).name();
		try (EmulatorClient shortReads = shortReadTimeoutClient()) {
			StepVerifier.create(template(shortReads, name).stream("hi"))
				.expectErrorSatisfies(
						(ex) -> assertThat(ex).isInstanceOfSatisfying(StreamTimeoutException.class, (timeout) -> {
							assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.READ);
							assertThat(timeout.errorCode()).isEqualTo("ReadTimeout");
							assertThat(timeout).hasMessageContaining(name)
								.hasMessageContaining("read timeout")
								.hasMessageContaining("NettyNioAsyncHttpClient.Builder.readTimeout")
								.hasRootCauseInstanceOf(ReadTimeoutException.class);
						}))
				.verify(TIMEOUT);
		}
		assertThat(emulator().invocations(name)).as("the model got the prompt once").hasSize(1);
	}

	@Test
	void anApplicationClientsReadTimeoutFiringMidStreamIsAReadTimeoutNotAGenericClientError() {
		String name = endpoint(Dialect.VLLM_CHAT).pauseAfterTokens(1, Duration.ofSeconds(6)).name();
		try (EmulatorClient shortReads = shortReadTimeoutClient()) {
			InferenceRequest request = InferenceRequest.builder()
				.prompt("hi")
				.idleTimeout(Duration.ofSeconds(10))
				.build();
			StepVerifier.create(template(shortReads, name).stream(request))
				.expectNext("a")
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamTimeoutException.class,
						(timeout) -> assertThat(timeout.errorCode()).isEqualTo("ReadTimeout")))
				.verify(TIMEOUT);
		}
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aRefusedConnectionIsRetriedBecauseNothingWasSent() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (EmulatorClient refused = EmulatorClients.shared(emulator(), NettyNioAsyncHttpClient.builder(),
				(builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:" + closedPort)))) {
			StepVerifier.create(template(refused, "anywhere").stream("hi"))
				.expectErrorSatisfies((ex) -> assertThat(ex)
					.isInstanceOfSatisfying(StreamingInferenceException.class,
							(failure) -> assertThat(failure.errorCode())
								.isEqualTo(StreamingInferenceException.CLIENT_ERROR))
					.hasRootCauseInstanceOf(ConnectException.class))
				.verify(TIMEOUT);
			assertThat(refused.http().requests()).as("attempts").hasValue(3);
		}
	}

	@Test
	void noPooledConnectionInTimeIsRetriedBecauseNothingWasSent() {
		String busy = endpoint(Dialect.TGI).firstTokenDelay(Duration.ofSeconds(5)).name();
		String next = endpoint(Dialect.TGI).name();
		try (EmulatorClient onePooled = EmulatorClients.shared(emulator(),
				NettyNioAsyncHttpClient.builder()
					.maxConcurrency(1)
					.connectionAcquisitionTimeout(Duration.ofMillis(200)))) {
			AtomicInteger attempts = onePooled.http().requests();
			reactor.core.Disposable holding = template(onePooled, busy).stream("hold").subscribe(null, (ex) -> {
			});
			await().atMost(TIMEOUT).until(() -> emulator().invocations(busy).size() == 1);
			attempts.set(0);
			StepVerifier.create(template(onePooled, next).stream("hi"))
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("Acquire operation took longer"))
				.verify(TIMEOUT);
			holding.dispose();
			assertThat(attempts).hasValue(3);
		}
		assertThat(emulator().invocations(next)).isEmpty();
	}

	@Test
	void aSubscriberPausingLongerThanTheIdleTimeoutOnALongStreamNeverSeesAnIdleTimeout() {
		List<String> tokens = IntStream.range(0, 200).mapToObj((i) -> " t" + i).toList();
		String name = endpoint(Dialect.VLLM_CHAT).tokens(tokens).tokenDelay(Duration.ofMillis(2)).name();
		InferenceRequest request = InferenceRequest.builder().prompt("hi").idleTimeout(Duration.ofMillis(400)).build();
		StepVerifier.create(template(name).stream(request), 1)
			.expectNext(" t0")
			.thenAwait(Duration.ofMillis(1500))
			.thenRequest(Long.MAX_VALUE)
			.expectNextSequence(tokens.subList(1, tokens.size()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void aSubscriberPausingAfterTheEndpointHasSentEverythingNeverSeesAnIdleTimeout() {
		String name = endpoint(Dialect.LMI).name();
		InferenceRequest request = InferenceRequest.builder().prompt("hi").idleTimeout(Duration.ofMillis(300)).build();
		StepVerifier.create(template(name).stream(request), 1)
			.expectNext("a")
			.thenAwait(Duration.ofMillis(1200))
			.thenRequest(Long.MAX_VALUE)
			.expectNext("b", "c")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "LMI_3P_STREAM", "TRITON" })
	void theFirstRecordOfAnUnknownFormatFailsTheStreamAtOnceWithoutAdviceToRetry(Dialect dialect) {
		String name = endpoint(dialect).name();
		StepVerifier.create(template(name).stream("hi")).expectErrorSatisfies((ex) -> {
			assertThat(((StreamingInferenceException) ex).errorCode())
				.isEqualTo(StreamingInferenceException.UNRECOGNIZED_FORMAT);
			assertThat(ex).hasMessageContaining(name)
				.hasMessageContaining(
						new String(dialect.render(ABC, "stop").get(0), StandardCharsets.UTF_8).replace("data: ", "")
							.substring(0, 40))
				.hasMessageContaining("raw")
				.hasMessageContaining("ResponseDecoder");
			assertThat(ex.getMessage()).doesNotContainIgnoringCase("retry");
		}).verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	/**
	 * A client whose read timeout is short beside the emulator's pauses, yet long enough
	 * for the first token of a busy machine.
	 */
	private static EmulatorClient shortReadTimeoutClient() {
		return EmulatorClients.shared(emulator(), NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofSeconds(1)));
	}

	private static SageMakerEmulator emulator() {
		return sagemaker.emulator();
	}

	private static io.github.sagemakerstreaming.emulator.EmulatedEndpoint endpoint(Dialect dialect) {
		return emulator().endpoint(TestEndpoints.register(emulator(), dialect)).tokens(ABC);
	}

	private StreamingInferenceTemplate template(String endpointName) {
		return template(client, endpointName);
	}

	private StreamingInferenceTemplate template(EmulatorClient client, String endpointName) {
		return this.transport.template(client)
			.endpointName(endpointName)
			.retry(3, Duration.ofMillis(10), Duration.ofMillis(50))
			.build();
	}

}
