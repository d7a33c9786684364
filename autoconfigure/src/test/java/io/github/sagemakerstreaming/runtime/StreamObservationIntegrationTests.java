package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamFault;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.observation.DefaultStreamObservationConvention;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each subscription is one observation, through the real SDK against the emulator,
 * whatever the outcome.
 */
class StreamObservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.create(sagemaker.emulator());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void aStreamIsOneObservationWithItsFiguresAndLowCardinalityTags() {
		sagemaker.emulator().register("observed", Dialect.TGI).tokens("secret", " words").variant("blue");
		TestObservationRegistry registry = TestObservationRegistry.create();
		template(registry, "observed")
			.stream(InferenceRequest.builder().prompt("private prompt").inferenceComponentName("ic-1").build())
			.blockLast(TIMEOUT);
		assertThat(registry).hasSingleObservationThat()
			.hasNameEqualTo(MeterNames.OPERATION_DURATION)
			.hasContextualNameEqualTo("stream observed")
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("sagemaker.endpoint.name", "observed")
			.hasLowCardinalityKeyValue("sagemaker.production_variant", "blue")
			.hasLowCardinalityKeyValue("sagemaker.inference_component", "ic-1")
			.hasLowCardinalityKeyValue("sagemaker.format", "openai-chat")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "aws.sagemaker")
			.doesNotHaveHighCardinalityKeyValueWithKey("prompt")
			.satisfies((context) -> {
				StreamObservationContext stream = (StreamObservationContext) context;
				assertThat(stream.getTokens()).isEqualTo(2);
				assertThat(stream.getTimeToFirstToken()).isPositive();
				assertThat(stream.getFinishReason()).isEqualTo("stop");
				assertThat(context.getAllKeyValues())
					.noneMatch((kv) -> kv.getValue().contains("secret") || kv.getValue().contains("private prompt"));
			});
	}

	@Test
	void aFailedStreamIsObservedWithItsErrorCode() {
		sagemaker.emulator()
			.register("observed-failing", Dialect.VLLM_CHAT)
			.tokens("a", "b")
			.failAfterTokens(1, StreamFault.modelStreamError("ModelInvocationTimeExceeded", "slow"));
		TestObservationRegistry registry = TestObservationRegistry.create();
		template(registry, "observed-failing").stream("hi").onErrorComplete().blockLast(TIMEOUT);
		assertThat(registry).hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasLowCardinalityKeyValue("error.type", "ModelInvocationTimeExceeded")
			.assertThatError()
			.isNotNull();
	}

	@Test
	void aTimedOutStreamIsObservedAsATimeout() {
		sagemaker.emulator().register("observed-slow", Dialect.TGI).tokens("a").firstTokenDelay(Duration.ofSeconds(5));
		TestObservationRegistry registry = TestObservationRegistry.create();
		template(registry, "observed-slow")
			.stream(InferenceRequest.builder().prompt("hi").firstTokenTimeout(Duration.ofMillis(300)).build())
			.onErrorComplete()
			.blockLast(TIMEOUT);
		assertThat(registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "timeout")
			.hasLowCardinalityKeyValue("error.type", "FirstTokenTimeout");
	}

	@Test
	void aCancelledStreamIsObservedAsCancelled() {
		sagemaker.emulator()
			.register("observed-cancelled", Dialect.TGI)
			.tokens("a", "b", "c")
			.tokenDelay(Duration.ofMillis(200));
		TestObservationRegistry registry = TestObservationRegistry.create();
		template(registry, "observed-cancelled").stream("hi").take(1).blockLast(TIMEOUT);
		assertThat(registry).hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "cancelled");
	}

	@Test
	void theStreamStaysInsideTheCallersObservation() {
		sagemaker.emulator().register("observed-child", Dialect.TGI).tokens("a");
		TestObservationRegistry registry = TestObservationRegistry.create();
		Observation parent = Observation.start("http.server.requests", registry);
		template(registry, "observed-child").stream("hi")
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent))
			.blockLast(TIMEOUT);
		parent.stop();
		assertThat(registry).hasObservationWithNameEqualTo(MeterNames.OPERATION_DURATION)
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void aConventionOfTheApplicationReplacesTheDefaultNames() {
		sagemaker.emulator().register("observed-custom", Dialect.TGI).tokens("a");
		TestObservationRegistry registry = TestObservationRegistry.create();
		StreamingInferenceTemplate.builder(client)
			.endpointName("observed-custom")
			.observationRegistry(registry)
			.observationConvention(new DefaultStreamObservationConvention() {

				@Override
				public String getName() {
					return "llm.stream";
				}

			})
			.build()
			.stream("hi")
			.blockLast(TIMEOUT);
		assertThat(registry).hasSingleObservationThat().hasNameEqualTo("llm.stream");
	}

	private static StreamingInferenceTemplate template(TestObservationRegistry registry, String endpointName) {
		return StreamingInferenceTemplate.builder(client)
			.endpointName(endpointName)
			.observationRegistry(registry)
			.build();
	}

}
