package io.github.sagemakerstreaming.springai;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.springai.autoconfigure.SageMakerChatModelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Native structured output, the extra body and images through Spring AI's real
 * {@link ChatClient} over a {@link SageMakerChatModel}, through the real AWS SDK against
 * the emulator, which checks the shapes the way the containers do.
 */
class SageMakerChatModelStructuredOutputIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final URL CAT = url("https://example.com/cat.png");

	private static final AtomicInteger endpoints = new AtomicInteger();

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerChatModelAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void anEntityWithNativeStructuredOutputIsAnsweredWithinTheSchemaSent() {
		String name = endpoint(Dialect.VLLM_CHAT).name();
		run(name, SageMakerChatOptions.builder().build(), (client) -> {
			Person person = client.prompt()
				.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
				.user("Who wrote Dune?")
				.call()
				.entity(Person.class);
			assertThat(person).isEqualTo(new Person("text", 0, new Address("text"), List.of("text")));
			JsonNode body = body(name, 0);
			assertThat(body.path("messages").get(0).path("content").asString())
				.as("the schema goes to the container, not into the prompt")
				.isEqualTo("Who wrote Dune?");
			JsonNode format = body.path("response_format");
			assertThat(format.path("type").asString()).isEqualTo("json_schema");
			assertThat(format.path("json_schema").path("name").asString()).isEqualTo("output");
			assertThat(format.path("json_schema").path("schema").path("properties").propertyNames())
				.containsExactlyInAnyOrder("name", "born", "address", "books");
		});
	}

	@Test
	void tgisMessagesApiRefusesOpenAisJsonSchemaShapeAsTheContainerDoes() {
		String name = endpoint(Dialect.TGI_MESSAGES).name();
		run(name, SageMakerChatOptions.builder().build(),
				(client) -> assertThatExceptionOfType(StreamingInferenceException.class)
					.isThrownBy(() -> client.prompt()
						.options(SageMakerChatOptions.builder().outputSchema("{\"type\":\"object\"}"))
						.user("Fine?")
						.call()
						.content())
					.withMessageContaining("rejected the request with status 422")
					.withMessageContaining("untagged enum SagemakerRequest"));
	}

	@Test
	void theExtraBodyOfTheDefaultsAndThePromptGoesAfterThePortableFields() {
		String name = endpoint(Dialect.TGI_MESSAGES).name();
		SageMakerChatOptions defaults = SageMakerChatOptions.builder()
			.maxTokens(64)
			.extraBody(Map.of("repetition_penalty", 1.1, "top_n_tokens", 2))
			.build();
		run(name, defaults, (client) -> {
			// TGI's Messages API takes its own response_format shape, given in the extra
			// body.
			String answer = client.prompt()
				.options(SageMakerChatOptions.builder()
					.extraBody(Map.of("top_n_tokens", 3, "response_format",
							new TreeMap<>(Map.of("type", "json", "value",
									Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integer"))))))))
				.user("Count")
				.call()
				.content();
			assertThat(answer).isEqualTo("{\"n\":0}");
			JsonNode body = body(name, 0);
			assertThat(body.propertyNames()).startsWith("messages", "stream").contains("max_tokens");
			assertThat(body.path("repetition_penalty").asDouble()).isEqualTo(1.1);
			assertThat(body.path("top_n_tokens").asInt()).as("the prompt's entry over the default's").isEqualTo(3);
		});
	}

	@Test
	void anExtraBodyFieldThatWouldReplaceTheMessagesIsRefused() {
		String name = endpoint(Dialect.VLLM_CHAT).name();
		run(name, SageMakerChatOptions.builder().build(),
				(client) -> assertThatExceptionOfType(InvalidInferenceRequestException.class)
					.isThrownBy(() -> client.prompt()
						.options(SageMakerChatOptions.builder().extraBody(Map.of("messages", List.of())))
						.user("Hi")
						.call()
						.content())
					.withMessageContaining("'messages' would replace"));
		assertThat(sagemaker.emulator().invocations(name)).isEmpty();
	}

	@Test
	void imagesByUrlAndByBytesBecomeOpenAiImageParts() {
		String name = endpoint(Dialect.VLLM_CHAT).name();
		run(name, SageMakerChatOptions.builder().build(), (client) -> {
			String answer = client.prompt()
				.user((user) -> user.text("What is it?")
					.media(MimeTypeUtils.IMAGE_PNG, CAT)
					.media(MimeTypeUtils.IMAGE_JPEG, new ByteArrayResource(new byte[] { 1, 2, 3 })))
				.call()
				.content();
			assertThat(answer).contains("What is it?\n[image]\n[image]");
			assertThat(body(name, 0).path("messages").get(0).path("content").toString())
				.isEqualTo("[{\"type\":\"text\",\"text\":\"What is it?\"},"
						+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}},"
						+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,AQID\"}}]");
		});
	}

	@Test
	void anImageMediaBuiltFromAUrlBecomesAnImageUrlPart() {
		String name = endpoint(Dialect.VLLM_CHAT).name();
		run(name, SageMakerChatOptions.builder().build(), (client) -> {
			Media cat = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(CAT).build();
			client.prompt().messages(UserMessage.builder().text("What is it?").media(cat).build()).call().content();
			assertThat(body(name, 0).path("messages").get(0).path("content").get(1).toString())
				.isEqualTo("{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}");
		});
	}

	@Test
	void anEntitysSchemaReplacesTheOneInTheDefaultOptions() {
		String name = endpoint(Dialect.VLLM_CHAT).name();
		String other = "{\"type\":\"object\",\"properties\":{\"other\":{\"type\":\"string\"}}}";
		run(name, SageMakerChatOptions.builder().outputSchema(other).build(), (client) -> {
			client.prompt()
				.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
				.user("Who wrote Dune?")
				.call()
				.entity(Person.class);
			assertThat(body(name, 0).path("response_format")
				.path("json_schema")
				.path("schema")
				.path("properties")
				.propertyNames()).containsExactlyInAnyOrder("name", "born", "address", "books");
		});
	}

	@Test
	void anImageIsRefusedBeforeSendingInAFormatThatCannotCarryIt() {
		String name = endpoint(Dialect.TGI).name();
		run(name, SageMakerChatOptions.builder().format(InferenceFormat.TGI).build(),
				(client) -> assertThatExceptionOfType(InvalidInferenceRequestException.class)
					.isThrownBy(() -> client.prompt()
						.user((user) -> user.text("What is it?").media(MimeTypeUtils.IMAGE_PNG, CAT))
						.call()
						.content())
					.withMessageContaining("Images need the openai-chat format"));
		assertThat(sagemaker.emulator().invocations(name)).isEmpty();
	}

	private void run(String endpointName, SageMakerChatOptions defaults, ThrowingClientCheck check) {
		this.contextRunner.withPropertyValues("sagemaker.runtime.endpoint-name=" + endpointName)
			.run((context) -> check.check(ChatClient.create(SageMakerChatModel.builder()
				.template(context.getBean(StreamingInferenceTemplate.class))
				.defaultOptions(defaults)
				.build())));
	}

	private static EmulatedEndpoint endpoint(Dialect dialect) {
		String name = dialect.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-so-" + endpoints.incrementAndGet();
		return sagemaker.emulator().register(name, dialect);
	}

	private static JsonNode body(String endpointName, int index) {
		return JSON.readTree(sagemaker.emulator().invocations(endpointName).get(index).bodyAsString());
	}

	private static URL url(String url) {
		try {
			return URI.create(url).toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@FunctionalInterface
	private interface ThrowingClientCheck {

		void check(ChatClient client) throws Exception;

	}

	record Person(String name, int born, Address address, List<String> books) {

	}

	record Address(String city) {

	}

}
