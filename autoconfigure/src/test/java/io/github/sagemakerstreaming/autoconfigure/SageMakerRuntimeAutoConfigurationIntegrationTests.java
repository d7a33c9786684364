package io.github.sagemakerstreaming.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured client and template, with nothing but properties, through the real
 * SDK against the emulator.
 */
class SageMakerRuntimeAutoConfigurationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private ApplicationContextRunner contextRunner(String endpointName) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.credentials.access-key=test", "sagemaker.runtime.credentials.secret-key=test",
					"sagemaker.runtime.endpoint-name=" + endpointName);
	}

	@Test
	void theDirectTransportStreamsOnTheHttpClientItSharesWithTheSdkClient() {
		sagemaker.emulator().register("direct-llm", Dialect.VLLM_CHAT).tokens("Hi", "!");
		contextRunner("direct-llm").withPropertyValues("sagemaker.runtime.transport=direct").run((context) -> {
			assertThat(context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
				.containsExactly("Hi", "!");
			assertThat(sagemaker.emulator().invocations("direct-llm").get(0).headers().get("user-agent"))
				.contains("sagemaker-runtime-spring-boot/direct");
			assertThat(context.getBean(SageMakerRuntimeTransport.class).directHttpClient()).isNotNull();
		});
	}

	@Test
	void theDirectTransportTakesAnApplicationClientsRegionCredentialsAndEndpoint() {
		sagemaker.emulator().register("own-client-llm", Dialect.TGI).tokens("own");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.transport=direct", "sagemaker.runtime.endpoint-name=own-client-llm")
			.withBean(SageMakerRuntimeAsyncClient.class,
					() -> SageMakerRuntimeAsyncClient.builder()
						.region(Region.EU_WEST_1)
						.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("own", "key")))
						.endpointOverride(sagemaker.emulator().endpointOverride())
						.build())
			.run((context) -> {
				assertThat(context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
					.containsExactly("own");
				RecordedInvocation invocation = sagemaker.emulator().invocations("own-client-llm").get(0);
				assertThat(invocation.headers().get("user-agent")).contains("/direct");
				assertThat(invocation.headers().get("authorization")).contains("Credential=own/")
					.contains("/eu-west-1/sagemaker/aws4_request");
			});
	}

	@Test
	void theSdkTransportIsTheDefault() {
		sagemaker.emulator().register("sdk-llm", Dialect.VLLM_CHAT).tokens("Hi");
		contextRunner("sdk-llm").run((context) -> {
			context.getBean(StreamingInferenceTemplate.class).stream("hi").blockLast(TIMEOUT);
			assertThat(sagemaker.emulator().invocations("sdk-llm").get(0).headers().get("user-agent"))
				.doesNotContain("/direct");
			assertThat(context.getBean(SageMakerRuntimeTransport.class).directHttpClient()).isNull();
		});
	}

	@Test
	void propertiesShapeTheRequest() {
		sagemaker.emulator().register("props-llm", Dialect.LMI).tokens("Hi", "!");
		contextRunner("props-llm").withPropertyValues("sagemaker.runtime.format=tgi",
				"sagemaker.runtime.parameters[max_new_tokens]=256", "sagemaker.runtime.parameters.temperature=0.2",
				"sagemaker.runtime.parameters[stop]=[\"</s>\"]", "sagemaker.runtime.parameters.decoder=greedy",
				"sagemaker.runtime.custom-attributes=accept_eula=true",
				"sagemaker.runtime.inference-component-name=llama-ic", "sagemaker.runtime.accept=application/jsonlines")
			.run((context) -> {
				List<String> tokens = context.getBean(StreamingInferenceTemplate.class)
					.stream("Why?")
					.collectList()
					.block(TIMEOUT);
				assertThat(tokens).containsExactly("Hi", "!");
				RecordedInvocation invocation = sagemaker.emulator().invocations("props-llm").get(0);
				JsonNode body = JsonMapper.builder().build().readTree(invocation.bodyAsString());
				assertThat(body.get("inputs").asString()).isEqualTo("Why?");
				assertThat(body.get("parameters").get("max_new_tokens").isInt()).isTrue();
				assertThat(body.get("parameters").get("max_new_tokens").asInt()).isEqualTo(256);
				assertThat(body.get("parameters").get("temperature").asDouble()).isEqualTo(0.2);
				assertThat(body.get("parameters").get("stop").get(0).asString()).isEqualTo("</s>");
				assertThat(body.get("parameters").get("decoder").asString()).isEqualTo("greedy");
				assertThat(invocation.headers()).containsEntry("x-amzn-sagemaker-custom-attributes", "accept_eula=true")
					.containsEntry("x-amzn-sagemaker-inference-component", "llama-ic")
					.containsEntry("x-amzn-sagemaker-accept", "application/jsonlines");
			});
	}

	@Test
	void aCustomizersParametersAreMergedOverTheProperties() {
		sagemaker.emulator().register("customized-llm", Dialect.VLLM_CHAT).tokens("ok");
		contextRunner("customized-llm")
			.withPropertyValues("sagemaker.runtime.parameters.temperature=0.2",
					"sagemaker.runtime.parameters.top_p=0.9")
			.withBean(StreamingInferenceTemplateCustomizer.class,
					() -> (builder) -> builder.parameter("temperature", 0.7).parameter("max_tokens", 32))
			.run((context) -> {
				context.getBean(StreamingInferenceTemplate.class).stream("hi").blockLast(TIMEOUT);
				JsonNode body = JsonMapper.builder()
					.build()
					.readTree(sagemaker.emulator().invocations("customized-llm").get(0).bodyAsString());
				assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
				assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
				assertThat(body.get("max_tokens").asInt()).isEqualTo(32);
			});
	}

	@Test
	void anEmptyParameterPropertyIsSentAsAnEmptyStringNeverAsNull() {
		sagemaker.emulator().register("empty-param-llm", Dialect.VLLM_CHAT).tokens("ok");
		contextRunner("empty-param-llm").withPropertyValues("sagemaker.runtime.parameters[stop]=").run((context) -> {
			context.getBean(StreamingInferenceTemplate.class).stream("hi").blockLast(TIMEOUT);
			JsonNode body = JsonMapper.builder()
				.build()
				.readTree(sagemaker.emulator().invocations("empty-param-llm").get(0).bodyAsString());
			assertThat(body.get("stop").isString()).as("stop is %s", body.get("stop")).isTrue();
			assertThat(body.get("stop").asString()).isEmpty();
		});
	}

	@Test
	void aParameterThatWouldReplaceThePromptFailsAtStartup() {
		contextRunner("any-llm").withPropertyValues("sagemaker.runtime.parameters.messages=[]")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("sagemaker.runtime.parameters"))
				.hasMessageContaining("'messages'"));
	}

	@Test
	void anApplicationsDecoderBeanDecodesTheStream() {
		sagemaker.emulator().register("custom-container", Dialect.RAW).tokens("abc", "def");
		contextRunner("custom-container").withUserConfiguration(UpperCaseDecoderConfiguration.class).run((context) -> {
			List<String> tokens = context.getBean(StreamingInferenceTemplate.class)
				.stream("hi")
				.collectList()
				.block(TIMEOUT);
			assertThat(tokens).containsExactly("ABC", "DEF");
		});
	}

	@Test
	void severalHundredConcurrentSlowStreamsCompleteWithTheDefaultSettings() {
		int streams = 300;
		List<String> tokens = IntStream.range(0, 20).mapToObj((i) -> " t" + i).toList();
		sagemaker.emulator().register("busy-llm", Dialect.VLLM_CHAT).tokens(tokens).tokenDelay(Duration.ofMillis(25));
		contextRunner("busy-llm").run((context) -> {
			StreamingInferenceTemplate template = context.getBean(StreamingInferenceTemplate.class);
			List<String> answers = Flux.range(0, streams)
				.flatMap((i) -> template.stream("question " + i).collectList().map((parts) -> String.join("", parts)),
						streams)
				.collectList()
				.block(TIMEOUT);
			assertThat(answers).hasSize(streams).allMatch(String.join("", tokens)::equals);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UpperCaseDecoderConfiguration {

		@Bean
		ResponseDecoder upperCaseDecoder() {
			return (metadata) -> new ResponseDecoder.Session() {

				@Override
				public void decode(byte[] part, java.util.function.Consumer<InferenceChunk> chunks) {
					chunks.accept(InferenceChunk
						.token(new String(part, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT), metadata));
				}

				@Override
				public void complete(java.util.function.Consumer<InferenceChunk> chunks) {
					chunks.accept(InferenceChunk.end(null, metadata));
				}

			};
		}

	}

}
