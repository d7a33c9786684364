package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health contributor {@code sagemaker}, through the SageMaker control-plane SDK
 * against the emulator. One test at a time: one of them denies the emulator's control
 * plane to everyone.
 */
@Execution(ExecutionMode.SAME_THREAD)
class SageMakerEndpointHealthAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerEndpointHealthAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
				"sagemaker.runtime.health.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void anEndpointInServiceIsUp() {
		sagemaker.emulator().register("healthy", Dialect.TGI);
		assertThat(health("healthy")).satisfies((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("endpoint", "healthy").containsEntry("status", "InService");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Updating", "SystemUpdating", "RollingBack", "UpdateRollbackFailed" })
	void anEndpointThatStillServesDuringAnUpdateIsUpWithItsStatus(String status) {
		String name = "serving-" + status.toLowerCase(Locale.ROOT);
		sagemaker.emulator().register(name, Dialect.TGI).status(status, null);
		assertThat(health(name)).satisfies((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("status", status);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Creating", "OutOfService" })
	void anEndpointThatDoesNotServeYetOrAnyMoreIsOutOfService(String status) {
		String name = "idle-" + status.toLowerCase(Locale.ROOT);
		sagemaker.emulator().register(name, Dialect.TGI).status(status, null);
		assertThat(health(name).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void anEndpointBeingDeletedIsDown() {
		sagemaker.emulator().register("deleting", Dialect.TGI).status("Deleting", null);
		assertThat(health("deleting").getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void isOffWhenTheStarterIsDisabledEvenWithAnApplicationClient() {
		this.contextRunner
			.withBean(SageMakerRuntimeAsyncClient.class,
					() -> SageMakerRuntimeAsyncClient.builder()
						.region(Region.US_EAST_1)
						.credentialsProvider(AnonymousCredentialsProvider.create())
						.build())
			.withPropertyValues("sagemaker.runtime.enabled=false", "sagemaker.runtime.endpoint-name=any")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEndpointHealthIndicator.class));
	}

	@Test
	void aFailedEndpointIsDownWithItsFailureReason() {
		sagemaker.emulator()
			.register("failed", Dialect.TGI)
			.status("Failed", "The primary container did not pass the ping health check.");
		assertThat(health("failed")).satisfies((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("failureReason",
					"The primary container did not pass the ping health check.");
		});
	}

	@Test
	void aMissingEndpointIsDown() {
		assertThat(health("never-created").getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void accessDeniedIsDownNamingTheMissingPermission() {
		sagemaker.emulator().register("denied", Dialect.TGI);
		sagemaker.emulator().denyControlPlane(true);
		try {
			assertThat(health("denied")).satisfies((health) -> {
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("error")).contains("sagemaker:DescribeEndpoint")
					.contains("management.health.sagemaker.enabled");
			});
		}
		finally {
			sagemaker.emulator().denyControlPlane(false);
		}
	}

	@Test
	void resultsAreCachedSoThatProbesCannotThrottleTheAccount() {
		sagemaker.emulator().register("cached", Dialect.TGI);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-name=cached",
					"sagemaker.runtime.health.cache-time-to-live=1h")
			.run((context) -> {
				ReactiveHealthIndicator indicator = context.getBean("sagemakerHealthIndicator",
						ReactiveHealthIndicator.class);
				for (int i = 0; i < 5; i++) {
					assertThat(indicator.health().block(TIMEOUT).getStatus()).isEqualTo(Status.UP);
				}
				assertThat(sagemaker.emulator().invocations("cached")).extracting(RecordedInvocation::path)
					.containsExactly("/");
			});
	}

	@Test
	void theCheckIsReactiveAndCallsNothingUntilSubscribedTo() {
		sagemaker.emulator().register("lazy", Dialect.TGI);
		this.contextRunner.withPropertyValues("sagemaker.runtime.endpoint-name=lazy").run((context) -> {
			Mono<Health> health = context.getBean("sagemakerHealthIndicator", ReactiveHealthIndicator.class).health();
			assertThat(sagemaker.emulator().invocations("lazy")).isEmpty();
			assertThat(health.block(TIMEOUT).getStatus()).isEqualTo(Status.UP);
			assertThat(sagemaker.emulator().invocations("lazy")).hasSize(1);
		});
	}

	@Test
	void isDisabledByTheManagementProperty() {
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-name=healthy", "management.health.sagemaker.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEndpointHealthIndicator.class));
	}

	@Test
	void needsTheControlPlaneSdk() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.endpoint-name=healthy")
			.withClassLoader(new FilteredClassLoader(SageMakerAsyncClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEndpointHealthIndicator.class));
	}

	@Test
	void withoutADefaultEndpointIsUnknownSayingWhichPropertyNamesIt() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean("sagemakerHealthIndicator", ReactiveHealthIndicator.class)
				.health()
				.block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat((String) health.getDetails().get("reason")).contains("sagemaker.runtime.endpoint-name");
		});
	}

	private Health health(String endpointName) {
		Health[] health = new Health[1];
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-name=" + endpointName,
					"sagemaker.runtime.health.cache-time-to-live=1ms")
			.run((context) -> health[0] = context.getBean("sagemakerHealthIndicator", ReactiveHealthIndicator.class)
				.health()
				.block(TIMEOUT));
		return health[0];
	}

}
