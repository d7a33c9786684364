package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.SessionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stateful sessions opened and closed by the session handlers of real containers (AWS's
 * standard handler in the vLLM image, and DJL/LMI's), through the real SDK against the
 * emulator: their answers are not model answers, and the headers decide.
 */
class StreamingInferenceTemplateSessionHandlersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final InferenceRequest OPEN = InferenceRequest.builder()
		.body("{\"requestType\":\"NEW_SESSION\"}")
		.build();

	private static final InferenceRequest CLOSE = InferenceRequest.builder()
		.body("{\"requestType\":\"CLOSE\"}")
		.build();

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
	@EnumSource(SessionHandler.class)
	void aSessionIsOpenedContinuedAndClosedAsTheReadmeShows(SessionHandler handler) {
		String name = register(handler);
		emulator().endpoint(name).tokens("ok");
		StreamingInferenceTemplate template = template(name);
		InferenceSession session = template.openSession(OPEN).block(TIMEOUT);
		assertThat(session.id()).matches("[0-9a-f-]{36}");
		assertThat(session.expiresAt()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(21)));
		assertThat(session.endpointName()).isEqualTo(name);
		assertThat(session.openAnswer().body()).isEqualTo(body(handler, "Session " + session.id() + " created"));
		assertThat(session.openAnswer().metadata().newSessionId()).startsWith(session.id() + "; Expires=");
		assertThat(session.openAnswer().metadata().requestId()).isNotBlank();
		InferenceRequest turn = InferenceRequest.builder().prompt("hi").session(session).build();
		assertThat(template.stream(turn).collectList().block(TIMEOUT)).containsExactly("ok");
		assertThat(template.invoke(turn).block(TIMEOUT).text()).isEqualTo("ok");
		SessionAnswer closed = template.closeSession(session, CLOSE).block(TIMEOUT);
		assertThat(closed.body()).isEqualTo(body(handler, "Session " + session.id() + " closed"));
		assertThat(closed.metadata().closedSessionId()).isEqualTo(session.id());
		assertThat(emulator().invocations(name)).extracting(RecordedInvocation::sessionId)
			.containsExactly("NEW_SESSION", session.id(), session.id(), session.id());
		StepVerifier.create(template.invoke(turn))
			.expectErrorSatisfies(
					(ex) -> assertThat(((StreamingInferenceException) ex).errorCode()).isEqualTo("ValidationError"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void theContainersAnswersAreNeverReadAsModelAnswersWhateverTheFormat(SessionHandler handler) {
		String name = register(handler);
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client)
			.endpointName(name)
			.format(InferenceFormat.TGI)
			.build();
		InferenceSession session = template.openSession(OPEN).block(TIMEOUT);
		assertThat(session.openAnswer().body()).contains(session.id());
		assertThat(template.closeSession(session, CLOSE).block(TIMEOUT).body()).contains(session.id());
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void anAnswerThatOpensNoSessionFailsWithAdviceToEnableSessions(SessionHandler handler) {
		String name = register(handler);
		emulator().endpoint(name).tokens("Hello", " there");
		StepVerifier.create(template(name).openSession(InferenceRequest.builder().prompt("open").build()))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(SessionNotOpenedException.class, (notOpened) -> {
						assertThat(notOpened.errorCode()).isEqualTo("SessionNotOpened");
						assertThat(notOpened.endpointName()).isEqualTo(name);
						assertThat(notOpened.requestId()).isNotBlank();
						assertThat(notOpened.answer().metadata().newSessionId()).isNull();
						assertThat(notOpened.answer().body()).contains("Hello there");
						assertThat(notOpened).hasMessageContaining("X-Amzn-SageMaker-New-Session-Id")
							.hasMessageContaining("SAGEMAKER_ENABLE_STATEFUL_SESSIONS=true")
							.hasMessageContaining("{\"requestType\":\"NEW_SESSION\"}")
							.hasMessageNotContainingAny("retry", "Retry", "again");
					}))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void aCloseThatTheContainerAnswersAsAModelRequestFailsAndTheSessionStaysOpen(SessionHandler handler) {
		String name = register(handler);
		emulator().endpoint(name).tokens("ok");
		StreamingInferenceTemplate template = template(name);
		InferenceSession session = template.openSession(OPEN).block(TIMEOUT);
		StepVerifier.create(template.closeSession(session, InferenceRequest.builder().prompt("bye").build()))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(SessionNotClosedException.class, (notClosed) -> {
						assertThat(notClosed.errorCode()).isEqualTo("SessionNotClosed");
						assertThat(notClosed.session()).isEqualTo(session);
						assertThat(notClosed.answer().body()).contains("ok");
						assertThat(notClosed).hasMessageContaining(session.id())
							.hasMessageContaining("{\"requestType\":\"CLOSE\"}")
							.hasMessageContaining(session.expiresAt().toString());
					}))
			.verify(TIMEOUT);
		InferenceRequest turn = InferenceRequest.builder().prompt("hi").session(session).build();
		assertThat(template.invoke(turn).block(TIMEOUT).text()).isEqualTo("ok");
		assertThat(template.closeSession(session, CLOSE).block(TIMEOUT).metadata().closedSessionId())
			.isEqualTo(session.id());
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void aSessionClosedTwiceIsSageMakersValidationErrorTheSecondTime(SessionHandler handler) {
		String name = register(handler);
		StreamingInferenceTemplate template = template(name);
		InferenceSession session = template.openSession(OPEN).block(TIMEOUT);
		template.closeSession(session, CLOSE).block(TIMEOUT);
		StepVerifier.create(template.closeSession(session, CLOSE))
			.expectErrorSatisfies((ex) -> assertThat(ex).isNotInstanceOf(SessionNotClosedException.class)
				.isInstanceOfSatisfying(StreamingInferenceException.class,
						(failure) -> assertThat(failure.errorCode()).isEqualTo("ValidationError")))
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(SessionHandler.class)
	void sessionsOpenedAtOnceAreEachTheirOwn(SessionHandler handler) {
		String name = register(handler);
		StreamingInferenceTemplate template = template(name);
		List<InferenceSession> sessions = Flux.range(0, 8)
			.flatMap((i) -> template.openSession(OPEN))
			.collectList()
			.block(TIMEOUT);
		assertThat(sessions).extracting(InferenceSession::id).doesNotHaveDuplicates().hasSize(8);
		assertThat(sessions).allSatisfy((session) -> assertThat(session.openAnswer().body()).contains(session.id()));
		assertThat(Flux.fromIterable(sessions)
			.flatMap((session) -> template.closeSession(session, CLOSE))
			.map((answer) -> answer.metadata().closedSessionId())
			.collectList()
			.block(TIMEOUT)).containsExactlyInAnyOrderElementsOf(sessions.stream().map(InferenceSession::id).toList());
	}

	private static String body(SessionHandler handler, String text) {
		return switch (handler) {
			case SAGEMAKER_STANDARD -> text;
			case DJL -> "{\"result\": \"" + text + "\"}\n";
		};
	}

	private static String register(SessionHandler handler) {
		String name = TestEndpoints.register(emulator(), Dialect.VLLM_CHAT);
		emulator().endpoint(name).sessionHandler(handler);
		return name;
	}

	private static StreamingInferenceTemplate template(String endpointName) {
		return StreamingInferenceTemplate.builder(client)
			.endpointName(endpointName)
			.retry(1, Duration.ofMillis(10), Duration.ofMillis(10))
			.build();
	}

	private static SageMakerEmulator emulator() {
		return sagemaker.emulator();
	}

}
