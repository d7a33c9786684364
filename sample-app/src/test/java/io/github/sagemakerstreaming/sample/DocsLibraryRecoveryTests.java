package io.github.sagemakerstreaming.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ask the docs after the embedding endpoint refused the sections at startup and once
 * more: a question is refused at once with the endpoint's reason and starts embedding
 * them again, so that the questions after the endpoint recovered are answered from them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sagemaker.runtime.endpoint-name=llm", "sagemaker.runtime.embedding.endpoint-name=embedder",
				"sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test" })
@AutoConfigureWebTestClient
class DocsLibraryRecoveryTests {

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final SageMakerEmulator emulator = SageMakerEmulator.start();

	static {
		emulator.register("llm", Dialect.VLLM_CHAT).tokenDelay(Duration.ZERO);
		// Refuses the startup embedding and the first question's, then answers.
		emulator.registerEmbedding("embedder", EmbeddingContainer.TEI)
			.failBeforeAnswer(HttpFault.modelError("The model is still loading"), 2);
	}

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
		registry.add("sagemaker.runtime.endpoint-override", () -> emulator.endpointOverride().toString());
	}

	@AfterAll
	static void stopTheEmulator() {
		emulator.close();
	}

	@Test
	void questionsAfterTheEndpointRecoveredAreAnsweredFromTheSectionsEmbeddedAgain() {
		DocsControllerTests.assertRefused(this.client, "The model is still loading");
		DocsControllerTests.assertRefused(this.client, "Asking again embeds them again.");
		List<ServerSentEvent<Map<String, Object>>> events = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (events == null && System.nanoTime() < deadline) {
			// Each refused question starts embedding the sections again in the
			// background.
			FluxExchangeResult<ServerSentEvent<Map<String, Object>>> answer = this.client.post()
				.uri("/api/docs")
				.bodyValue(Map.of("question", "How are streams retried?"))
				.exchange()
				.returnResult(EVENT);
			if (answer.getStatus() == HttpStatus.OK) {
				events = answer.getResponseBody().collectList().block(Duration.ofSeconds(30));
			}
			else {
				assertThat(answer.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				sleep(Duration.ofMillis(100));
			}
		}
		assertThat(events).as("a question was answered within 30 s")
			.isNotNull()
			.extracting(ServerSentEvent::event)
			.contains("token", "section")
			.endsWith("done");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
