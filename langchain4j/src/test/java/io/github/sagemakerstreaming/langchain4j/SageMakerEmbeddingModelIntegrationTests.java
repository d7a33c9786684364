package io.github.sagemakerstreaming.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingFormat;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j's real in-memory embedding store, content retriever and {@code AiServices}
 * over {@link SageMakerEmbeddingModel}, through the real AWS SDK against the emulator,
 * with no Spring.
 */
class SageMakerEmbeddingModelIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger endpoints = new AtomicInteger();

	private static final List<TextSegment> SEGMENTS = List.of(
			TextSegment.from("Retries: a stream is retried only before SageMaker answered."),
			TextSegment.from("Sessions keep the model's cache warm between calls."),
			TextSegment.from("The emulator serves embedding endpoints for tests."));

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(sagemaker.emulator().endpointOverride())
			.build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	interface Assistant {

		String ask(String question);

	}

	@Test
	void anEmbeddingStoreFindsTheSegmentThatSharesTheQuerysWords() {
		SageMakerEmbeddingModel model = model(embeddingEndpoint(EmbeddingContainer.TEI), EmbeddingFormat.TEI);
		InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
		store.addAll(model.embedAll(SEGMENTS).content(), SEGMENTS);
		List<EmbeddingMatch<TextSegment>> matches = store
			.search(EmbeddingSearchRequest.builder()
				.queryEmbedding(model.embed("how do sessions keep the cache").content())
				.maxResults(1)
				.build())
			.matches();
		assertThat(matches).extracting((match) -> match.embedded().text()).containsExactly(SEGMENTS.get(1).text());
	}

	@Test
	void anAiServiceAnswersWithTheRetrievedSegmentInThePromptThatReachesTheChatEndpoint() {
		SageMakerEmbeddingModel model = model(embeddingEndpoint(EmbeddingContainer.VLLM), EmbeddingFormat.OPENAI);
		InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
		store.addAll(model.embedAll(SEGMENTS).content(), SEGMENTS);
		String chat = "chat-" + endpoints.incrementAndGet();
		sagemaker.emulator().register(chat, Dialect.VLLM_CHAT).tokens("Before", " it", " answered.");
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(SageMakerChatModel.builder()
				.client(client)
				.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(chat).build())
				.build())
			.contentRetriever(EmbeddingStoreContentRetriever.builder()
				.embeddingStore(store)
				.embeddingModel(model)
				.maxResults(1)
				.build())
			.build();
		assertThat(assistant.ask("When is a stream retried?")).isEqualTo("Before it answered.");
		String sent = JSON.readTree(sagemaker.emulator().invocations(chat).get(0).body()).path("messages").toString();
		assertThat(sent).contains(SEGMENTS.get(0).text()).doesNotContain(SEGMENTS.get(1).text());
	}

	@Test
	void theTokenUsageIsInTheResponseWhenTheContainerReportsIt() {
		Response<List<Embedding>> reported = model(embeddingEndpoint(EmbeddingContainer.VLLM), EmbeddingFormat.OPENAI)
			.embedAll(List.of(TextSegment.from("one two"), TextSegment.from("three")));
		assertThat(reported.content()).hasSize(2);
		assertThat(reported.tokenUsage().inputTokenCount()).isEqualTo(3);
		Response<List<Embedding>> unreported = model(embeddingEndpoint(EmbeddingContainer.TEI), EmbeddingFormat.TEI)
			.embedAll(List.of(TextSegment.from("one two")));
		assertThat(unreported.tokenUsage()).isNull();
	}

	@Test
	void aRequestsModelNameAndDimensionsReachTheEndpoint() {
		String other = embeddingEndpoint(EmbeddingContainer.TEI);
		EmbeddingResponse response = model(embeddingEndpoint(EmbeddingContainer.TEI), EmbeddingFormat.TEI)
			.embed(EmbeddingRequest.builder().inputs("one").modelName(other).dimensions(8).build());
		assertThat(response.embeddings()).hasSize(1);
		assertThat(response.modelName()).isEqualTo(other);
		assertThat(JSON.readTree(sagemaker.emulator().invocations(other).get(0).body()).path("dimensions").asInt())
			.isEqualTo(8);
	}

	@Test
	void theDimensionsAskedForAreTheModelsDimensionWithoutACall() {
		String name = embeddingEndpoint(EmbeddingContainer.TEI);
		SageMakerEmbeddingModel model = SageMakerEmbeddingModel.builder()
			.template(EmbeddingTemplate.builder(client).endpointName(name).build())
			.defaultRequestParameters(EmbeddingRequestParameters.builder().dimensions(16).build())
			.build();
		assertThat(model.dimension()).isEqualTo(16);
		assertThat(sagemaker.emulator().invocations(name)).isEmpty();
		assertThat(model.embed("one").content().dimension()).isEqualTo(16);
	}

	private static SageMakerEmbeddingModel model(String endpointName, EmbeddingFormat format) {
		return SageMakerEmbeddingModel.builder()
			.template(EmbeddingTemplate.builder(client).endpointName(endpointName).format(format).build())
			.build();
	}

	private static String embeddingEndpoint(EmbeddingContainer container) {
		String name = "embedder-" + endpoints.incrementAndGet();
		sagemaker.emulator().registerEmbedding(name, container);
		return name;
	}

}
