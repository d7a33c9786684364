package io.github.sagemakerstreaming.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent mode through Spring AI's {@code ChatClient}, the SageMaker chat model and the
 * embedded emulator's agent: a tool round trip, and chat memory across questions.
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
		List<ServerSentEvent<Map<String, Object>>> events = ask(UUID.randomUUID().toString(), "Oslo");
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
	void theConversationIsRememberedOnTheServerByItsId() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		String conversation = UUID.randomUUID().toString();
		ask(conversation, "Tokyo");
		int before = this.emulator.invocations(LOCAL_LLM).size();
		ask(conversation, "Lima");
		List<RecordedInvocation> invocations = this.emulator.invocations(LOCAL_LLM);
		assertThat(invocations.subList(before, invocations.size())).first()
			.satisfies((first) -> assertThat(first.bodyAsString()).contains("\"content\":\"Tokyo\"")
				.contains("The tool answered:")
				.contains("\"content\":\"Lima\""));
	}

	@Test
	void aQuestionWithoutAConversationIdIsABadRequest() {
		this.client.post()
			.uri("/api/agent")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("conversationId", "../../etc", "question", "hi"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private List<ServerSentEvent<Map<String, Object>>> ask(String conversationId, String question) {
		return this.client.post()
			.uri("/api/agent")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("conversationId", conversationId, "question", question))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));
	}

}
