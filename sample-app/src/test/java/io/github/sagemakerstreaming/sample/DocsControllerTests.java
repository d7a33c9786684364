package io.github.sagemakerstreaming.sample;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ask the docs when its sections could not be embedded: every question is answered with
 * 503 and a problem detail that says why, and the application still starts.
 */
class DocsControllerTests {

	/**
	 * Asserts that a question is refused with 503 and a problem detail that says the docs
	 * could not be embedded and contains the given reason.
	 */
	static void assertRefused(WebTestClient client, String reason) {
		client.post()
			.uri("/api/docs")
			.bodyValue(Map.of("question", "How are streams retried?"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class,
					(detail) -> assertThat(detail).startsWith("The docs could not be embedded, so Ask the docs is off")
						.contains(reason));
	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "sagemaker.runtime.endpoint-name=llm",
					"sagemaker.runtime.endpoint-override=http://127.0.0.1:9", "sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.credentials.access-key=test", "sagemaker.runtime.credentials.secret-key=test" })
	@AutoConfigureWebTestClient
	class WithoutAnEmbeddingEndpoint {

		@Autowired
		private WebTestClient client;

		@Test
		void aQuestionIsRefusedNamingThePropertyToSet() {
			assertRefused(this.client, "sagemaker.runtime.embedding.endpoint-name");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "sagemaker.runtime.endpoint-name=llm", "sagemaker.runtime.embedding.endpoint-name=embedder",
					"sagemaker.runtime.endpoint-override=http://127.0.0.1:9", "sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.credentials.access-key=test", "sagemaker.runtime.credentials.secret-key=test" })
	@AutoConfigureWebTestClient
	class WithAnEmbeddingEndpointThatFails {

		@Autowired
		private WebTestClient client;

		@Test
		void aQuestionIsRefusedNamingTheEndpoint() {
			assertRefused(this.client, "'embedder'");
		}

	}

}
