package io.github.sagemakerstreaming.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent mode through Spring AI's {@code ChatClient}, the SageMaker chat model and the
 * embedded emulator's agent: a tool round trip, and chat memory across questions, kept
 * for the browser that holds the session cookie and for no other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AgentControllerTests {

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final String LOCAL_LLM = EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME;

	@Autowired
	private WebTestClient client;

	@Autowired
	private SageMakerEmulator emulator;

	@AfterEach
	void restoreTheDefaultEndpoint() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator);
	}

	@Test
	void theModelCallsTheCityClockAndAnswersWithItsResultAndThePageLearnsWhichToolRan() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		List<ServerSentEvent<Map<String, Object>>> events = ask(null, Map.of("question", "Oslo")).events();
		assertThat(events).extracting(ServerSentEvent::event).endsWith("tool", "done").contains("token");
		String answer = events.stream()
			.filter((event) -> "token".equals(event.event()))
			.map((event) -> (String) event.data().get("token"))
			.reduce("", String::concat);
		Map<String, Object> tool = events.get(events.size() - 2).data();
		assertThat(tool).containsEntry("tool", "localTime").containsEntry("argument", "Oslo");
		assertThat((String) tool.get("result")).endsWith(" in Europe/Oslo");
		assertThat(answer).isEqualTo("The tool answered: \"" + tool.get("result") + "\"");
	}

	@Test
	void theConversationIsRememberedOnTheServerForTheBrowserThatHoldsItsCookie() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		Answer first = ask(null, Map.of("question", "Tokyo"));
		String prompt = promptOf(() -> ask(first.session(), Map.of("question", "Lima")));
		assertThat(prompt).contains("\"content\":\"Tokyo\"")
			.contains("The tool answered:")
			.contains("\"content\":\"Lima\"");
	}

	@Test
	void theServerIssuesTheConversationInAnHttpOnlyStrictCookie() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		ResponseCookie cookie = ask(null, Map.of("question", "Oslo")).session();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Strict");
		assertThat(cookie.getValue()).hasSizeGreaterThanOrEqualTo(32);
	}

	@Test
	void anotherBrowserCannotReadTheConversationEvenWithItsIdInTheBody() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		String guessed = "00000000";
		Answer first = ask(null, Map.of("conversationId", guessed, "question", "my secret is Tokyo"));
		String otherBrowser = promptOf(() -> ask(null, Map.of("conversationId", guessed, "question", "Lima")));
		assertThat(otherBrowser).doesNotContain("Tokyo").contains("\"content\":\"Lima\"");
		assertThat(first.session()).isNotNull();
	}

	@Test
	void aNewConversationForgetsTheOldOne() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		ResponseCookie session = ask(null, Map.of("question", "Tokyo")).session();
		this.client.delete()
			.uri("/api/agent/conversation")
			.cookie(session.getName(), session.getValue())
			.exchange()
			.expectStatus()
			.isNoContent();
		String prompt = promptOf(() -> ask(session, Map.of("question", "Lima")));
		assertThat(prompt).doesNotContain("Tokyo").contains("\"content\":\"Lima\"");
	}

	@Test
	void aQuestionWithoutTextIsABadRequest() {
		this.client.post()
			.uri("/api/agent")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("question", ""))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	/**
	 * Returns the first request body the model received while asking.
	 */
	private String promptOf(Runnable asking) {
		int before = this.emulator.invocations(LOCAL_LLM).size();
		asking.run();
		return this.emulator.invocations(LOCAL_LLM).get(before).bodyAsString();
	}

	/**
	 * Asks as a browser does: with the session cookie it holds, if any.
	 */
	private Answer ask(@Nullable ResponseCookie session, Map<String, String> body) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/api/agent")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM);
		if (session != null) {
			request.cookie(session.getName(), session.getValue());
		}
		FluxExchangeResult<ServerSentEvent<Map<String, Object>>> result = request.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT);
		List<ServerSentEvent<Map<String, Object>>> events = result.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));
		ResponseCookie issued = result.getResponseCookies().getFirst("SESSION");
		return new Answer((issued != null) ? issued : session, events);
	}

	private record Answer(ResponseCookie session, List<ServerSentEvent<Map<String, Object>>> events) {

	}

}
