package io.github.sagemakerstreaming.runtime.embedding;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.EmulatorClients;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingMeterObservationHandler;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingObservationContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code embed} is one observation and each of its batches one more, recorded in a
 * real meter registry, through the real SDK against the emulator's embedding containers.
 */
class EmbeddingObservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final List<EmbeddingObservationContext> stopped = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.create(sagemaker.emulator());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void observe() {
		this.observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(new EmbeddingMeterObservationHandler(this.meters))
			.observationHandler(new ObservationHandler<EmbeddingObservationContext>() {

				@Override
				public void onStop(EmbeddingObservationContext context) {
					EmbeddingObservationIntegrationTests.this.stopped.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof EmbeddingObservationContext;
				}

			});
	}

	@Test
	void anEmbedIsOneOperationAndEachBatchItsOwnChild() {
		String name = register(EmbeddingContainer.VLLM);
		EmbeddingResult result = template(name).format(EmbeddingFormat.OPENAI)
			.batchSize(4)
			.build()
			.embed(texts(10))
			.block(TIMEOUT);
		Timer embed = this.meters.get(MeterNames.OPERATION_DURATION)
			.tag("gen_ai.operation.name", "embeddings")
			.tag("gen_ai.provider.name", "aws.sagemaker")
			.tag("gen_ai.request.model", "none")
			.tag("sagemaker.endpoint.name", name)
			.tag("sagemaker.production_variant", "AllTraffic")
			.tag("sagemaker.format", "openai")
			.tag("sagemaker.operation", "InvokeEndpoint")
			.tag("outcome", "success")
			.tag("error.type", "none")
			.timer();
		assertThat(embed.count()).isOne();
		assertThat(this.meters.get(MeterNames.EMBEDDING_BATCH).tag("outcome", "success").timer().count()).isEqualTo(3);
		EmbeddingObservationContext operation = this.stopped.stream()
			.filter((context) -> context.getLevel() == EmbeddingObservationContext.Level.EMBED)
			.findFirst()
			.orElseThrow();
		assertThat(operation.getContextualName()).isEqualTo("embeddings " + name);
		assertThat(operation.getHighCardinalityKeyValue("sagemaker.embedding.inputs").getValue()).isEqualTo("10");
		assertThat(operation.getHighCardinalityKeyValue("gen_ai.usage.input_tokens").getValue())
			.isEqualTo(String.valueOf(result.usage().inputTokens()));
		assertThat(this.stopped.stream()
			.filter((context) -> context.getLevel() == EmbeddingObservationContext.Level.BATCH)).hasSize(3)
			.allSatisfy((batch) -> assertThat(batch.getParentObservation().getContextView()).isSameAs(operation))
			.extracting((batch) -> batch.getHighCardinalityKeyValue("sagemaker.embedding.inputs").getValue())
			.containsExactlyInAnyOrder("4", "4", "2");
	}

	@Test
	void theTokensOfAnEmbedAreCountedOnceWhateverItsBatches() {
		String name = register(EmbeddingContainer.VLLM);
		EmbeddingResult result = template(name).format(EmbeddingFormat.OPENAI)
			.batchSize(3)
			.build()
			.embed(texts(7))
			.block(TIMEOUT);
		assertThat(result.usage().inputTokens()).isPositive();
		assertThat(tokens(name, "input").count()).isEqualTo(result.usage().inputTokens());
		assertThat(tokens(name, "total").count()).isEqualTo(result.usage().inputTokens());
		assertThat(this.meters.find(MeterNames.TOKEN_USAGE).tag("gen_ai.token.type", "output").counter()).isNull();
	}

	@Test
	void anEmbedInsideAnotherGenAiOperationLeavesItsTokensToIt() {
		String name = register(EmbeddingContainer.VLLM);
		Observation.createNotStarted(MeterNames.CLIENT_OPERATION, this.observations)
			.observe(() -> template(name).format(EmbeddingFormat.OPENAI).build().embed(texts(2)).block(TIMEOUT));
		assertThat(this.meters.get(MeterNames.OPERATION_DURATION).tag("sagemaker.endpoint.name", name).timer().count())
			.isOne();
		assertThat(this.meters.find(MeterNames.TOKEN_USAGE).counters()).isEmpty();
	}

	@Test
	void aFailingBatchFailsTheEmbedsObservationWithItsErrorType() {
		String name = register(EmbeddingContainer.TEI);
		StepVerifier.create(template(name).batchSize(40).build().embed(texts(40)))
			.expectError(EmbeddingException.class)
			.verify(TIMEOUT);
		assertThat(this.meters.get(MeterNames.OPERATION_DURATION)
			.tag("sagemaker.endpoint.name", name)
			.tag("outcome", "error")
			.tag("error.type", EmbeddingException.BATCH_TOO_LARGE)
			.tag("sagemaker.production_variant", "none")
			.timer()
			.count()).isOne();
		assertThat(this.meters.get(MeterNames.EMBEDDING_BATCH)
			.tag("outcome", "error")
			.tag("error.type", EmbeddingException.BATCH_TOO_LARGE)
			.timer()
			.count()).isOne();
		assertThat(this.stopped).allSatisfy((context) -> assertThat(context.getError()).isNotNull());
		assertThat(this.meters.find(MeterNames.TOKEN_USAGE).counters()).isEmpty();
	}

	@Test
	void aCancelledEmbedIsObservedAsCancelledWithItsBatchesInFlight() {
		String name = sagemaker.emulator()
			.registerEmbedding("observed-" + UUID.randomUUID().toString().substring(0, 8), EmbeddingContainer.TEI)
			.answerDelay(Duration.ofSeconds(30))
			.name();
		Disposable embed = template(name).batchSize(2).build().embed(texts(4)).subscribe();
		waitFor(() -> sagemaker.emulator().invocations(name).size() == 2);
		embed.dispose();
		waitFor(() -> this.stopped.size() == 3);
		assertThat(this.meters.get(MeterNames.OPERATION_DURATION)
			.tag("sagemaker.endpoint.name", name)
			.tag("outcome", "cancelled")
			.timer()
			.count()).isOne();
		assertThat(this.meters.get(MeterNames.EMBEDDING_BATCH).tag("outcome", "cancelled").timer().count())
			.isEqualTo(2);
	}

	@Test
	void anEmbedThatCallsNothingIsNotObserved() {
		template(register(EmbeddingContainer.TEI)).build().embed(List.of()).block(TIMEOUT);
		assertThat(this.stopped).isEmpty();
	}

	private static void waitFor(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("the condition within " + TIMEOUT).isLessThan(deadline);
			LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
	}

	private Counter tokens(String endpointName, String type) {
		return this.meters.get(MeterNames.TOKEN_USAGE)
			.tag("gen_ai.operation.name", "embeddings")
			.tag("gen_ai.system", "aws.sagemaker")
			.tag("gen_ai.request.model", "none")
			.tag("gen_ai.response.model", endpointName)
			.tag("gen_ai.token.type", type)
			.counter();
	}

	private EmbeddingTemplate.Builder template(String endpointName) {
		return EmbeddingTemplate.builder(client).endpointName(endpointName).observationRegistry(this.observations);
	}

	private static List<String> texts(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "text number " + i).toList();
	}

	private static String register(EmbeddingContainer container) {
		return sagemaker.emulator()
			.registerEmbedding("observed-" + UUID.randomUUID().toString().substring(0, 8), container)
			.name();
	}

}
