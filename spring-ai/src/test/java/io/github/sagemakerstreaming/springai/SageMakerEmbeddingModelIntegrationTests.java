package io.github.sagemakerstreaming.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.springai.autoconfigure.SageMakerChatModelAutoConfiguration;
import io.github.sagemakerstreaming.springai.autoconfigure.SageMakerEmbeddingModelAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's real vector store and retrieval advisor over the auto-configured
 * {@link SageMakerEmbeddingModel}, through the real AWS SDK against the emulator.
 */
class SageMakerEmbeddingModelIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger endpoints = new AtomicInteger();

	private static final List<Document> DOCUMENTS = List.of(
			new Document("Retries: a stream is retried only before SageMaker answered."),
			new Document("Sessions keep the model's cache warm between calls."),
			new Document("The emulator serves embedding endpoints for tests."));

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerEmbeddingAutoConfiguration.class, SageMakerChatModelAutoConfiguration.class,
				SageMakerEmbeddingModelAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void aVectorStoreFindsTheDocumentThatSharesTheQuerysWords() {
		String embedder = embeddingEndpoint(EmbeddingContainer.TEI);
		this.contextRunner.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=" + embedder)
			.run((context) -> {
				SimpleVectorStore store = SimpleVectorStore.builder(context.getBean(EmbeddingModel.class)).build();
				store.add(DOCUMENTS);
				List<Document> found = store
					.similaritySearch(SearchRequest.builder().query("how do sessions keep the cache").topK(1).build());
				assertThat(found).extracting(Document::getText).containsExactly(DOCUMENTS.get(1).getText());
			});
	}

	@Test
	void theRetrievalAdvisorPutsTheRetrievedDocumentInThePromptThatReachesTheChatEndpoint() {
		String embedder = embeddingEndpoint(EmbeddingContainer.VLLM);
		String chat = "chat-" + endpoints.incrementAndGet();
		sagemaker.emulator().register(chat, Dialect.VLLM_CHAT).tokens("Before", " it", " answered.");
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=" + embedder,
					"sagemaker.runtime.embedding.format=openai", "sagemaker.runtime.endpoint-name=" + chat,
					"sagemaker.runtime.format=openai-chat")
			.run((context) -> {
				SimpleVectorStore store = SimpleVectorStore.builder(context.getBean(EmbeddingModel.class)).build();
				store.add(DOCUMENTS);
				ChatClient client = ChatClient.builder(context.getBean(ChatModel.class))
					.defaultAdvisors(QuestionAnswerAdvisor.builder(store)
						.searchRequest(SearchRequest.builder().topK(1).build())
						.build())
					.build();
				assertThat(client.prompt().user("When is a stream retried?").call().content())
					.isEqualTo("Before it answered.");
				String sent = JSON.readTree(sagemaker.emulator().invocations(chat).get(0).body())
					.path("messages")
					.toString();
				assertThat(sent).contains(DOCUMENTS.get(0).getText()).doesNotContain(DOCUMENTS.get(1).getText());
			});
	}

	@Test
	void eachCallIsOneObservationWithTheEndpointAndTheUsage() {
		String embedder = embeddingEndpoint(EmbeddingContainer.VLLM);
		List<EmbeddingModelObservationContext> observed = new ArrayList<>();
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=" + embedder,
					"sagemaker.runtime.embedding.format=openai")
			.withBean(ObservationRegistry.class, () -> recording(observed))
			.run((context) -> {
				EmbeddingResponse response = context.getBean(EmbeddingModel.class)
					.call(new EmbeddingRequest(List.of("one two", "three"), null));
				assertThat(response.getResults()).hasSize(2);
				assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
				assertThat(observed).singleElement().satisfies((observation) -> {
					assertThat(observation.getRequest().getOptions().getModel()).isNull();
					assertThat(observation.getResponse()).isSameAs(response);
				});
			});
	}

	@Test
	void aRequestsOptionsOfAnyTypeOverrideTheDefaultsOptionByOption() {
		String defaultEndpoint = embeddingEndpoint(EmbeddingContainer.VLLM);
		String other = embeddingEndpoint(EmbeddingContainer.VLLM);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=unused",
					"sagemaker.runtime.embedding.format=openai")
			.withUserConfiguration(DefaultOptionsConfiguration.class)
			.withPropertyValues("test.default-endpoint=" + defaultEndpoint)
			.run((context) -> {
				EmbeddingModel model = context.getBean(EmbeddingModel.class);
				model.call(new EmbeddingRequest(List.of("a"), EmbeddingOptions.builder().dimensions(8).build()));
				assertThat(JSON.readTree(sagemaker.emulator().invocations(defaultEndpoint).get(0).body())
					.path("dimensions")
					.asInt()).isEqualTo(8);
				model.call(new EmbeddingRequest(List.of("a"),
						SageMakerEmbeddingOptions.builder().endpointName(other).build()));
				assertThat(sagemaker.emulator().invocations(other)).singleElement()
					.satisfies((call) -> assertThat(JSON.readTree(call.body()).path("dimensions").asInt())
						.as("the default's dimensions stay")
						.isEqualTo(4));
			});
	}

	@Test
	void theDimensionsAskedForAreTheModelsDimensionsWithoutACall() {
		String endpoint = embeddingEndpoint(EmbeddingContainer.VLLM);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=unused",
					"sagemaker.runtime.embedding.format=openai")
			.withUserConfiguration(DefaultOptionsConfiguration.class)
			.withPropertyValues("test.default-endpoint=" + endpoint)
			.run((context) -> {
				EmbeddingModel model = context.getBean(EmbeddingModel.class);
				assertThat(model.dimensions()).isEqualTo(4);
				assertThat(sagemaker.emulator().invocations(endpoint)).isEmpty();
				assertThat(model.embed("one")).hasSize(4);
			});
	}

	private static String embeddingEndpoint(EmbeddingContainer container) {
		String name = "embedder-" + endpoints.incrementAndGet();
		sagemaker.emulator().registerEmbedding(name, container);
		return name;
	}

	private static ObservationRegistry recording(List<EmbeddingModelObservationContext> observed) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof EmbeddingModelObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add((EmbeddingModelObservationContext) context);
			}

		});
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultOptionsConfiguration {

		@Bean
		SageMakerEmbeddingModel userEmbeddingModel(
				io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate template,
				org.springframework.core.env.Environment environment) {
			return SageMakerEmbeddingModel.builder()
				.template(template)
				.defaultOptions(SageMakerEmbeddingOptions.builder()
					.endpointName(environment.getRequiredProperty("test.default-endpoint"))
					.dimensions(4)
					.build())
				.build();
		}

	}

}
