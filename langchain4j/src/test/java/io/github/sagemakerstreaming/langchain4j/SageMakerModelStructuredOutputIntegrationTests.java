package io.github.sagemakerstreaming.langchain4j;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.service.AiServices;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed answers through LangChain4j's real {@code AiServices}, custom parameters and
 * images, through the real AWS SDK against the emulator, which checks the shapes the way
 * the containers do.
 */
class SageMakerModelStructuredOutputIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger endpoints = new AtomicInteger();

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

	interface Librarian {

		Person authorOf(String book);

	}

	record Person(String name, int born, Address address, List<String> books) {

	}

	record Address(String city) {

	}

	@Test
	void anAiServicesMethodReturningARecordIsAnsweredWithinTheSchemaSent() {
		String name = endpoint(Dialect.VLLM_CHAT);
		Librarian librarian = AiServices.create(Librarian.class, chatModel(name, InferenceFormat.OPENAI_CHAT));
		assertThat(librarian.authorOf("Dune")).isEqualTo(new Person("text", 0, new Address("text"), List.of("text")));
		JsonNode format = body(name).path("response_format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
		assertThat(format.path("json_schema").path("name").asString()).isEqualTo("Person");
		assertThat(format.path("json_schema").path("schema").path("properties").propertyNames())
			.containsExactlyInAnyOrder("name", "born", "address", "books");
		assertThat(body(name).path("messages").get(0).path("content").asString())
			.as("the schema goes to the container, not into the prompt")
			.isEqualTo("Dune");
	}

	@Test
	void bothModelsReportAJsonSchemaResponseFormatOnlyInTheOpenAiChatFormat() {
		assertThat(chatModel("any", InferenceFormat.OPENAI_CHAT).supportedCapabilities())
			.containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
		assertThat(SageMakerStreamingChatModel.builder().client(client).build().supportedCapabilities())
			.as("the template's default format, openai-chat")
			.containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
		assertThat(chatModel("any", InferenceFormat.TGI).supportedCapabilities()).isEmpty();
	}

	@Test
	void aJsonResponseFormatIsRefusedBeforeSendingInAFormatThatCannotExpressIt() {
		String name = endpoint(Dialect.TGI);
		SageMakerChatModel model = chatModel(name, InferenceFormat.TGI);
		assertThatExceptionOfType(UnsupportedFeatureException.class).isThrownBy(() -> model.chat(ChatRequest.builder()
			.messages(UserMessage.from("Who?"))
			.parameters(SageMakerChatRequestParameters.builder().responseFormat(ResponseFormat.JSON).build())
			.build())).withMessageContaining("needs the openai-chat format");
		assertThat(sagemaker.emulator().invocations(name)).isEmpty();
	}

	@Test
	void customParametersOfTheModelAndTheRequestGoAfterThePortableFields() {
		String name = endpoint(Dialect.VLLM_CHAT);
		SageMakerChatModel model = SageMakerChatModel.builder()
			.client(client)
			.customParameters(Map.of("repetition_penalty", 1.1, "top_k", 5))
			.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(name).build())
			.build();
		model.chat(ChatRequest.builder()
			.messages(UserMessage.from("Hi"))
			.parameters(SageMakerChatRequestParameters.builder()
				.maxOutputTokens(16)
				.customParameters(Map.of("top_k", 7))
				.build())
			.build());
		JsonNode body = body(name);
		assertThat(body.propertyNames()).startsWith("messages", "stream").contains("max_tokens");
		assertThat(body.path("repetition_penalty").asDouble()).isEqualTo(1.1);
		assertThat(body.path("top_k").asInt()).as("the request's over the model's").isEqualTo(7);
	}

	@Test
	void aCustomParameterThatWouldReplaceTheMessagesIsRefused() {
		String name = endpoint(Dialect.VLLM_CHAT);
		SageMakerChatModel model = chatModel(name, InferenceFormat.OPENAI_CHAT);
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> model.chat(ChatRequest.builder()
				.messages(UserMessage.from("Hi"))
				.parameters(SageMakerChatRequestParameters.builder().customParameters(Map.of("stream", false)).build())
				.build()))
			.withMessageContaining("'stream' would replace");
		assertThat(sagemaker.emulator().invocations(name)).isEmpty();
	}

	@Test
	void imagesByUrlAndByBase64DataBecomeOpenAiImageParts() {
		String name = endpoint(Dialect.VLLM_CHAT);
		String answer = chatModel(name, InferenceFormat.OPENAI_CHAT)
			.chat(UserMessage.from(TextContent.from("What is it?"), ImageContent.from("https://example.com/cat.png"),
					ImageContent.from("AQID", "image/png")))
			.aiMessage()
			.text();
		assertThat(answer).contains("What is it?\n[image]\n[image]");
		assertThat(body(name).path("messages").get(0).path("content").toString())
			.isEqualTo("[{\"type\":\"text\",\"text\":\"What is it?\"},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AQID\"}}]");
	}

	private static SageMakerChatModel chatModel(String endpointName, InferenceFormat format) {
		return SageMakerChatModel.builder()
			.client(client)
			.defaultRequestParameters(
					SageMakerChatRequestParameters.builder().endpointName(endpointName).format(format).build())
			.build();
	}

	private static String endpoint(Dialect dialect) {
		String name = dialect.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-so-" + endpoints.incrementAndGet();
		sagemaker.emulator().register(name, dialect);
		return name;
	}

	private static JsonNode body(String endpointName) {
		return JSON.readTree(sagemaker.emulator().invocations(endpointName).get(0).bodyAsString());
	}

}
