package io.github.sagemakerstreaming.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Schema-constrained answers and image parts: the containers' checks of their shapes, as
 * the AWS SDK sees the refusals, and answers valid within the schema sent.
 */
class StructuredOutputAndImagesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
			+ "\"age\":{\"type\":\"integer\",\"minimum\":1},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
			+ "\"address\":{\"$ref\":\"#/$defs/address\"},\"nickname\":{\"type\":\"string\"}},"
			+ "\"required\":[\"name\",\"age\",\"tags\",\"address\"],"
			+ "\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
			+ "\"verified\":{\"type\":\"boolean\"}}}}}";

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeClient client;

	@BeforeAll
	static void createClient() {
		client = SageMakerRuntimeClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(sagemaker.emulator().endpointOverride())
			.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void vllmAnswersWithAnInstanceOfTheSchemaItWasSent(SageMakerEmulator emulator) {
		emulator.register("vllm", Dialect.VLLM_CHAT);
		JsonNode answer = JSON.readTree(content("vllm", "{\"messages\":[{\"role\":\"user\",\"content\":\"Who?\"}],"
				+ "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"person\",\"schema\":"
				+ SCHEMA + "}}}"));
		assertThat(JSON.writeValueAsString(answer)).isEqualTo(
				"{\"name\":\"text\",\"age\":1,\"tags\":[\"text\"],\"address\":{\"city\":\"text\",\"verified\":true},"
						+ "\"nickname\":\"text\"}");
	}

	@Test
	void tgiAnswersWithinTheSchemaOfItsGrammar(SageMakerEmulator emulator) {
		emulator.register("tgi", Dialect.TGI);
		String answer = invoke("tgi", "{\"inputs\":\"Who?\",\"parameters\":{\"grammar\":{\"type\":\"json\",\"value\":"
				+ "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}}}");
		assertThat(JSON.readTree(answer).get(0).path("generated_text").asString()).isEqualTo("{\"ok\":true}");
	}

	@Test
	void vllmRefusesAJsonSchemaWithoutItsName(SageMakerEmulator emulator) {
		emulator.register("vllm-unnamed", Dialect.VLLM_CHAT);
		assertRefused("vllm-unnamed",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"Who?\"}],"
						+ "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":" + SCHEMA + "}}}",
				400, "BadRequestError");
	}

	@Test
	void tgisMessagesApiRefusesOpenAisJsonSchemaShape(SageMakerEmulator emulator) {
		emulator.register("tgi-messages", Dialect.TGI_MESSAGES);
		assertRefused("tgi-messages",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"Who?\"}],"
						+ "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"schema\":"
						+ SCHEMA + "}}}",
				422, "untagged enum SagemakerRequest");
	}

	@Test
	void tgisMessagesApiRefusesAGrammarTogetherWithTools(SageMakerEmulator emulator) {
		emulator.register("tgi-grammar-tools", Dialect.TGI_MESSAGES);
		assertRefused("tgi-grammar-tools",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"Who?\"}],\"tools\":[{\"type\":\"function\","
						+ "\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}],"
						+ "\"response_format\":{\"type\":\"json\",\"value\":" + SCHEMA + "}}",
				422, "Grammar and tools are mutually exclusive");
	}

	@Test
	void tgisMessagesApiTakesItsOwnJsonSchemaShape(SageMakerEmulator emulator) {
		emulator.register("tgi-own", Dialect.TGI_MESSAGES);
		assertThat(content("tgi-own",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"Who?\"}],"
						+ "\"response_format\":{\"type\":\"json_schema\",\"value\":{\"name\":\"p\",\"schema\":"
						+ "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}}}}"))
			.isEqualTo("{\"n\":0.0}");
	}

	@Test
	void vllmReadsTheTextOfAMessageWithAnImage(SageMakerEmulator emulator) {
		emulator.register("vision", Dialect.VLLM_CHAT);
		assertThat(content("vision", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
				+ "\"What is it?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AQID\"}}]}]}"))
			.contains("What is it?\n[image]");
	}

	@Test
	void vllmRefusesAnImagePartWhoseUrlIsNotInAnObject(SageMakerEmulator emulator) {
		emulator.register("vision-flat", Dialect.VLLM_CHAT);
		assertRefused("vision-flat", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
				+ "\"image_url\":\"https://example.com/cat.png\"}]}]}", 400, "image_url");
	}

	private static String content(String endpoint, String body) {
		return JSON.readTree(invoke(endpoint, body)).path("choices").get(0).path("message").path("content").asString();
	}

	private static String invoke(String endpoint, String body) {
		return client
			.invokeEndpoint((request) -> request.endpointName(endpoint)
				.contentType("application/json")
				.body(SdkBytes.fromUtf8String(body)))
			.body()
			.asUtf8String();
	}

	private static void assertRefused(String endpoint, String body, int containerStatus, String message) {
		assertThatExceptionOfType(ModelErrorException.class).isThrownBy(() -> invoke(endpoint, body))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(424);
				assertThat(ex.originalStatusCode()).isEqualTo(containerStatus);
				assertThat(ex.originalMessage()).contains(message);
			});
	}

}
