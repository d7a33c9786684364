package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.ToolCallScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Whole answers through {@code InvokeEndpoint} and stateful sessions, through the real
 * SDK against the emulator.
 */
class StreamingInferenceTemplateInvokeAndSessionsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.create(sagemaker.emulator());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "TGI", "TGI_MESSAGES", "VLLM_CHAT", "LMI_VLLM", "LMI_CHAT",
			"VLLM_COMPLETIONS", "LMI", "LMI_SSE", "LMI_LEGACY" })
	void aWholeAnswerInEveryDialectWithItsFinishReasonAndUsage(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name).tokens("Hello", ",", " wörld 🚀").finishReason("length");
		InferenceFormat format = switch (dialect) {
			case TGI, LMI, LMI_SSE, LMI_LEGACY -> InferenceFormat.TGI;
			case VLLM_COMPLETIONS -> InferenceFormat.OPENAI_COMPLETIONS;
			default -> InferenceFormat.OPENAI_CHAT;
		};
		InferenceResponse response = template(name)
			.invoke(InferenceRequest.builder().prompt("one two three").format(format).build())
			.block(TIMEOUT);
		assertThat(response.text()).isEqualTo("Hello, wörld 🚀");
		assertThat(response.metadata().requestId()).isNotBlank();
		assertThat(response.metadata().invokedProductionVariant()).isEqualTo("AllTraffic");
		if (dialect != Dialect.LMI_LEGACY) {
			assertThat(response.finishReason()).isEqualTo("length");
		}
		switch (dialect) {
			case TGI -> assertThat(response.usage()).isEqualTo(new TokenUsage(7, 3));
			case LMI, LMI_SSE, LMI_LEGACY -> assertThat(response.usage()).as("DJL reports no input tokens").isNull();
			default -> assertThat(response.usage()).isEqualTo(new TokenUsage(7, 3));
		}
		RecordedInvocation invocation = emulator().invocations(name).get(0);
		assertThat(invocation.path()).endsWith("/invocations");
		assertThat(JSON.readTree(invocation.bodyAsString()).path("stream").asBoolean(true)).isFalse();
	}

	@Test
	void aWholeChatAnswerCarriesItsToolCallsAndReasoning() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name)
			.reasoning("Look", " up.")
			.tokens()
			.toolCalls(new ToolCallScript("weather", "{\"city\":\"Oslo\"}"), new ToolCallScript("time", "{}"));
		InferenceResponse response = template(name)
			.invoke(InferenceRequest.builder().messages(List.of(ChatMessage.user("?"))).build())
			.block(TIMEOUT);
		assertThat(response.text()).isEmpty();
		assertThat(response.reasoning()).isEqualTo("Look up.");
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(response.toolCalls()).extracting(ToolCall::id, ToolCall::name, ToolCall::arguments)
			.containsExactly(tuple("chatcmpl-tool-0", "weather", "{\"city\":\"Oslo\"}"),
					tuple("chatcmpl-tool-1", "time", "{}"));
	}

	@Test
	void theRawFormatGivesTheBodyAsText() {
		String name = register(Dialect.RAW);
		emulator().endpoint(name).tokens("plain", " text");
		InferenceResponse response = template(name)
			.invoke(InferenceRequest.builder().prompt("hi").format(InferenceFormat.RAW).build())
			.block(TIMEOUT);
		assertThat(response.text()).isEqualTo("plain text");
		assertThat(response.finishReason()).isNull();
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "LMI_3P_STREAM", "TRITON" })
	void aWholeAnswerOfAnUnknownFormatFailsSayingSo(Dialect dialect) {
		String name = register(dialect);
		StepVerifier.create(template(name).invoke(InferenceRequest.builder().prompt("hi").build()))
			.expectErrorSatisfies((ex) -> assertThat(((StreamingInferenceException) ex).errorCode())
				.isEqualTo(StreamingInferenceException.UNRECOGNIZED_FORMAT))
			.verify(TIMEOUT);
	}

	@Test
	void aMultiModelTargetGoesOnTheWireForInvokeAndIsRefusedForAStream() {
		String name = register(Dialect.VLLM_CHAT);
		InferenceRequest request = InferenceRequest.builder().prompt("hi").targetModel("model-a.tar.gz").build();
		template(name).invoke(request).block(TIMEOUT);
		assertThat(emulator().invocations(name).get(0).header("X-Amzn-SageMaker-Target-Model"))
			.isEqualTo("model-a.tar.gz");
		StepVerifier.create(template(name).stream(request))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("invoke("))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aWholeAnswerIsRetriedBeforeItReachesTheModelOnly() {
		String name = register(Dialect.TGI_MESSAGES);
		emulator().endpoint(name).tokens("ok").failBeforeStream(HttpFault.serviceUnavailable(), 1);
		assertThat(template(name).invoke(InferenceRequest.builder().prompt("hi").build()).block(TIMEOUT).text())
			.isEqualTo("ok");
		assertThat(emulator().invocations(name)).hasSize(2);
		String slow = register(Dialect.TGI_MESSAGES);
		emulator().endpoint(slow).responseDelay(Duration.ofSeconds(3));
		try (SageMakerRuntimeAsyncClient shortReads = EmulatorClients
			.builder(emulator(), NettyNioAsyncHttpClient.builder())
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofMillis(300)))
			.build()) {
			StepVerifier
				.create(StreamingInferenceTemplate.builder(shortReads)
					.endpointName(slow)
					.build()
					.invoke(InferenceRequest.builder().prompt("hi").build()))
				.expectErrorSatisfies(
						(ex) -> assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ReadTimeout"))
				.verify(TIMEOUT);
		}
		assertThat(emulator().invocations(slow)).hasSize(1);
	}

	@Test
	void theFirstTokenLimitBoundsTheTimeToAWholeAnswer() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name).responseDelay(Duration.ofSeconds(10));
		// Long enough for the request to reach the container even while the first
		// connection opens.
		InferenceRequest request = InferenceRequest.builder()
			.prompt("hi")
			.firstTokenTimeout(Duration.ofMillis(1500))
			.build();
		StepVerifier.create(template(name).invoke(request))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.FIRST_TOKEN)))
			.verify(TIMEOUT);
		waitForInvocation(name);
		assertThat(emulator().invocations(name).get(0).awaitConnectionClosed(Duration.ofSeconds(2)))
			.as("the time limit closed the connection before the container answered")
			.isTrue();
	}

	@Test
	void cancellingAWholeAnswerClosesItsConnectionAtOnce() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name).responseDelay(Duration.ofSeconds(10));
		Disposable call = template(name).invoke(InferenceRequest.builder().prompt("hi").build()).subscribe();
		waitForInvocation(name);
		call.dispose();
		assertThat(emulator().invocations(name).get(0).awaitConnectionClosed(Duration.ofSeconds(2)))
			.as("the connection is closed well before the answer, not when it arrives")
			.isTrue();
	}

	private static void waitForInvocation(String name) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (emulator().invocations(name).isEmpty()) {
			assertThat(System.nanoTime()).as("the request reached the emulator").isLessThan(deadline);
			LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
	}

	@Test
	void aSessionIsOpenedUsedByTwoStreamedTurnsAndAnInvokeThenClosed() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name).tokens("ok");
		StreamingInferenceTemplate template = template(name);
		InferenceSession session = template
			.openSession(InferenceRequest.builder().body("{\"requestType\":\"NEW_SESSION\"}").build())
			.block(TIMEOUT);
		assertThat(session.endpointName()).isEqualTo(name);
		assertThat(session.expiresAt()).isAfter(Instant.now());
		InferenceRequest turn = InferenceRequest.builder().prompt("hi").session(session).build();
		template.stream(turn).blockLast(TIMEOUT);
		template.stream(turn).blockLast(TIMEOUT);
		template.invoke(turn).block(TIMEOUT);
		template.closeSession(session, InferenceRequest.builder().body("{\"requestType\":\"CLOSE\"}").build())
			.block(TIMEOUT);
		assertThat(emulator().invocations(name)).extracting(RecordedInvocation::sessionId)
			.containsExactly("NEW_SESSION", session.id(), session.id(), session.id(), session.id());
		StepVerifier.create(template.stream(turn)).expectErrorSatisfies((ex) -> {
			assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ValidationError");
			assertThat(ex).hasMessageContaining(session.id());
		}).verify(TIMEOUT);
	}

	@Test
	void anUnknownSessionIsSageMakersValidationError() {
		String name = register(Dialect.TGI_MESSAGES);
		StepVerifier
			.create(template(name).invoke(InferenceRequest.builder().prompt("hi").sessionId("no-such-session").build()))
			.expectErrorSatisfies(
					(ex) -> assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ValidationError"))
			.verify(TIMEOUT);
	}

	@Test
	void anExpiredSessionIsRefusedBeforeSending() {
		String name = register(Dialect.TGI_MESSAGES);
		InferenceSession expired = new InferenceSession("s-1", Instant.now().minusSeconds(1), name, null);
		StepVerifier.create(template(name).stream(InferenceRequest.builder().prompt("hi").session(expired).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("expired")
				.hasMessageContaining("openSession"))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).isEmpty();
	}

	@Test
	void aSessionOfAnotherEndpointIsRefusedBeforeSending() {
		String name = register(Dialect.TGI_MESSAGES);
		InferenceSession elsewhere = new InferenceSession("s-2", null, "other-endpoint", null);
		StepVerifier.create(template(name).invoke(InferenceRequest.builder().prompt("hi").session(elsewhere).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("other-endpoint"))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).isEmpty();
	}

	@Test
	void newSessionOnAStreamIsRefusedWithAdviceToOpenTheSessionFirst() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().prompt("hi").sessionId("NEW_SESSION").build())
			.withMessageContaining("openSession");
	}

	@Test
	void aCloseThatTheContainerDoesNotConfirmFails() {
		String name = register(Dialect.TGI_MESSAGES);
		StreamingInferenceTemplate template = template(name);
		InferenceSession session = template
			.openSession(InferenceRequest.builder().body("{\"requestType\":\"NEW_SESSION\"}").build())
			.block(TIMEOUT);
		StepVerifier.create(template.closeSession(session, InferenceRequest.builder().prompt("not a close").build()))
			.expectErrorSatisfies(
					(ex) -> assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("SessionNotClosed"))
			.verify(TIMEOUT);
	}

	private static String register(Dialect dialect) {
		return TestEndpoints.register(emulator(), dialect);
	}

	private static SageMakerEmulator emulator() {
		return sagemaker.emulator();
	}

	private static StreamingInferenceTemplate template(String endpointName) {
		return StreamingInferenceTemplate.builder(client)
			.endpointName(endpointName)
			.retry(3, Duration.ofMillis(10), Duration.ofMillis(50))
			.build();
	}

}
