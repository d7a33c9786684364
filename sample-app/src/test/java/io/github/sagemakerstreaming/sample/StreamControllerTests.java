package io.github.sagemakerstreaming.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.StreamFault;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StreamControllerTests {

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private SageMakerEmulator emulator;

	@Test
	void streamsTokensInOrderWithTheirSpacesThenTheFigures() {
		this.emulator.register("script-llm", Dialect.TGI).tokens("Hello", " wide", "\n", "  world").variant("blue");
		List<ServerSentEvent<Map<String, Object>>> events = stream(Map.of("prompt", "hi", "endpoint", "script-llm"));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("token", "token", "token", "token", "done");
		assertThat(events.subList(0, 4)).extracting((event) -> event.data().get("token"))
			.containsExactly("Hello", " wide", "\n", "  world");
		Map<String, Object> done = events.get(4).data();
		assertThat(done).containsEntry("tokens", 4)
			.containsEntry("endpoint", "script-llm")
			.containsEntry("variant", "blue")
			.containsEntry("finishReason", "stop");
		assertThat((Integer) done.get("timeToFirstTokenMillis")).isNotNegative();
		assertThat((Integer) done.get("durationMillis")).isGreaterThanOrEqualTo((Integer) done.get("timeToFirstTokenMillis"));
	}

	@Test
	void aFailureMidStreamIsANamedErrorEventAfterTheTokens() {
		this.emulator.register("failing-llm", Dialect.VLLM_CHAT)
			.tokens("a", "b", "c")
			.failAfterTokens(2, StreamFault.modelStreamError("ModelInvocationTimeExceeded", "too slow"));
		List<ServerSentEvent<Map<String, Object>>> events = stream(Map.of("prompt", "hi", "endpoint", "failing-llm"));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("token", "token", "error");
		assertThat(events.get(2).data()).containsEntry("code", "ModelInvocationTimeExceeded");
		assertThat((String) events.get(2).data().get("message")).contains("failing-llm").contains("too slow");
	}

	@Test
	void theDefaultEndpointIsTheEmbeddedEmulator() {
		List<ServerSentEvent<Map<String, Object>>> events = stream(Map.of("prompt", "What is streaming?"));
		String text = events.stream()
			.filter((event) -> "token".equals(event.event()))
			.map((event) -> (String) event.data().get("token"))
			.reduce("", String::concat);
		assertThat(text).startsWith("You asked: \"What is streaming?\".");
		assertThat(events.get(events.size() - 1).data()).containsEntry("endpoint", "local-llm");
	}

	@Test
	void anEmptyPromptIsABadRequestWithAProblemBody() {
		this.client.post()
			.uri("/api/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "  "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The prompt is empty.");
	}

	@Test
	void anOversizedPromptIsABadRequestWithAProblemBody() {
		this.client.post()
			.uri("/api/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "x".repeat(StreamRequest.MAX_PROMPT_LENGTH + 1)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("at most 8000"));
	}

	@Test
	void anInvalidEndpointNameIsABadRequest() {
		this.client.post()
			.uri("/api/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "hi", "endpoint", "not_valid"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("endpointName 'not_valid'"));
	}

	private List<ServerSentEvent<Map<String, Object>>> stream(Map<String, Object> body) {
		return this.client.post()
			.uri("/api/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));
	}

}
