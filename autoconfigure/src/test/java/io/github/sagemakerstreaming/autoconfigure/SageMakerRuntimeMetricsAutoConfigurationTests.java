package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a meter registry, the auto-configured client's HTTP connection pool is measured.
 */
class SageMakerRuntimeMetricsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				SageMakerRuntimeAutoConfiguration.class, SageMakerRuntimeMetricsAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test");

	@Test
	void theHttpPoolGaugesShowTheConnectionsHeldByOpenStreams() {
		sagemaker.emulator()
			.register("held", Dialect.VLLM_CHAT)
			.tokens("a", "b")
			.firstTokenDelay(Duration.ofSeconds(30));
		sagemaker.emulator().register("quick", Dialect.TGI).tokens("ok");
		this.contextRunner.withPropertyValues(emulatorEndpoint("quick")).run((context) -> {
			StreamingInferenceTemplate template = context.getBean(StreamingInferenceTemplate.class);
			List<Disposable> held = Flux.range(0, 3)
				.map((i) -> template.stream(InferenceRequest.builder().prompt("hold").endpointName("held").build())
					.subscribe(null, (ex) -> {
					}))
				.collectList()
				.block();
			await().atMost(TIMEOUT).until(() -> sagemaker.emulator().invocations("held").size() == 3);
			template.stream("hi").blockLast(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// The SDK publishes a call's metrics once the call has completed, just after
			// its stream ends.
			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertThat(meters.get(MeterNames.HTTP_CONNECTIONS_ACQUIRE).timer().count()).isPositive());
			assertThat(meters.get(MeterNames.HTTP_CONNECTIONS_LEASED)
				.tag("client", "sageMakerRuntimeAsyncClient")
				.gauge()
				.value()).isEqualTo(3);
			assertThat(meters.get(MeterNames.HTTP_CONNECTIONS_MAX).gauge().value()).isEqualTo(2000);
			assertThat(meters.get(MeterNames.HTTP_CONNECTIONS_PENDING).gauge().value()).isZero();
			held.forEach(Disposable::dispose);
		});
	}

	@Test
	void anApplicationClientGetsNoPoolMetersItsPoolWouldNeverFeed() {
		this.contextRunner
			.withBean(SageMakerRuntimeAsyncClient.class,
					() -> SageMakerRuntimeAsyncClient.builder()
						.region(Region.US_EAST_1)
						.credentialsProvider(AnonymousCredentialsProvider.create())
						.build())
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).getMeters())
				.noneSatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("sagemaker.runtime.http")));
	}

	@Test
	void noPoolMeterExistsWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).getMeters())
				.noneSatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("sagemaker.runtime.http"))
				.satisfies(
						(meters) -> assertThat(context).doesNotHaveBean(SageMakerRuntimeAsyncClientCustomizer.class)));
	}

	private static String[] emulatorEndpoint(String endpointName) {
		return new String[] { "sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
				"sagemaker.runtime.endpoint-name=" + endpointName };
	}

}
