package io.github.sagemakerstreaming.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.internal.NettyConfiguration;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

class SageMakerRuntimeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=eu-west-1", "sagemaker.runtime.credentials.access-key=AKID",
				"sagemaker.runtime.credentials.secret-key=SECRET");

	@Test
	void createsAClientAndATemplate() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SageMakerRuntimeAsyncClient.class)
			.hasSingleBean(StreamingInferenceTemplate.class));
	}

	@Test
	void appliesRegionAndEndpointOverride() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.endpoint-override=http://localhost:4566")
			.run((context) -> {
				SageMakerRuntimeAsyncClient client = context.getBean(SageMakerRuntimeAsyncClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
				assertThat(client.serviceClientConfiguration().endpointOverride())
					.contains(URI.create("http://localhost:4566"));
			});
	}

	@Test
	void httpClientDefaultsSuitLongStreams() {
		this.contextRunner.run((context) -> {
			NettyConfiguration netty = new ConfiguredClient(context.getBean(SageMakerRuntimeAsyncClient.class)).netty();
			assertThat(netty.maxConnections()).isEqualTo(2000);
			assertThat(netty.readTimeoutMillis()).as("no read timeout: the stream limits decide").isZero();
			assertThat(netty.connectionAcquireTimeoutMillis()).isEqualTo(Duration.ofSeconds(30).toMillis());
			assertThat(netty.tcpKeepAlive()).isTrue();
			assertThat(netty.connectTimeoutMillis()).as("the SDK's default").isEqualTo(2000);
		});
	}

	@Test
	void theClientsOwnRetriesAreOffSoThatNoCallNeedsToSwitchThemOff() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SageMakerRuntimeAsyncClient.class)
			.serviceClientConfiguration()
			.overrideConfiguration()
			.retryStrategy()).hasValueSatisfying((strategy) -> assertThat(strategy.maxAttempts()).isEqualTo(1)));
	}

	@Test
	void httpClientPropertiesReachTheNettyClient() {
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.http.max-concurrency=42",
					"sagemaker.runtime.http.max-pending-connection-acquires=7",
					"sagemaker.runtime.http.connection-acquisition-timeout=3s",
					"sagemaker.runtime.http.connect-timeout=4s", "sagemaker.runtime.http.read-timeout=5m",
					"sagemaker.runtime.http.write-timeout=6s", "sagemaker.runtime.http.tcp-keep-alive=false")
			.run((context) -> {
				NettyConfiguration netty = new ConfiguredClient(context.getBean(SageMakerRuntimeAsyncClient.class))
					.netty();
				assertThat(netty.maxConnections()).isEqualTo(42);
				assertThat(netty.maxPendingConnectionAcquires()).isEqualTo(7);
				assertThat(netty.connectionAcquireTimeoutMillis()).isEqualTo(3000);
				assertThat(netty.connectTimeoutMillis()).isEqualTo(4000);
				assertThat(netty.readTimeoutMillis()).isEqualTo(300_000);
				assertThat(netty.writeTimeoutMillis()).isEqualTo(6000);
				assertThat(netty.tcpKeepAlive()).isFalse();
			});
	}

	@Test
	void withoutAReadTimeoutPropertyNoStreamLimitCanBeCutShortByTheClient() {
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.first-token-timeout=5m", "sagemaker.runtime.idle-timeout=3m")
			.run((context) -> assertThat(
					new ConfiguredClient(context.getBean(SageMakerRuntimeAsyncClient.class)).netty()
						.readTimeoutMillis())
				.as("a request may set longer limits than the properties")
				.isZero());
	}

	@Test
	void aReadTimeoutShorterThanTheStreamTimeoutsFailsNamingTheProperties() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.http.read-timeout=30s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sagemaker.runtime.http.read-timeout")
				.hasMessageContaining("sagemaker.runtime.first-token-timeout");
		});
	}

	@Test
	void aLongerReadTimeoutIsKept() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.http.read-timeout=10m")
			.run((context) -> assertThat(
					new ConfiguredClient(context.getBean(SageMakerRuntimeAsyncClient.class)).netty()
						.readTimeoutMillis())
				.isEqualTo(Duration.ofMinutes(10).toMillis()));
	}

	@Test
	void invalidRetrySettingsFailAtStartup() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.retry.max-attempts=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sagemaker.runtime.retry.max-attempts");
		});
	}

	@Test
	void staticCredentialsFromProperties() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.credentials.session-token=TOKEN").run((context) -> {
			AwsCredentialsIdentity identity = credentials(context.getBean(SageMakerRuntimeAsyncClient.class));
			assertThat(identity.accessKeyId()).isEqualTo("AKID");
			assertThat(identity.secretAccessKey()).isEqualTo("SECRET");
			assertThat(identity).isInstanceOfSatisfying(AwsSessionCredentials.class,
					(session) -> assertThat(session.sessionToken()).isEqualTo("TOKEN"));
		});
	}

	@Test
	void accessKeyWithoutSecretKeyFailsWithAMessageNamingBothProperties() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.credentials.secret-key=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sagemaker.runtime.credentials.access-key")
				.hasMessageContaining("sagemaker.runtime.credentials.secret-key");
		});
	}

	@Test
	void usesTheApplicationsCredentialsAndRegionProviders() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withUserConfiguration(AwsProvidersConfiguration.class)
			.run((context) -> {
				SageMakerRuntimeAsyncClient client = context.getBean(SageMakerRuntimeAsyncClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
				assertThat(client.serviceClientConfiguration().credentialsProvider())
					.isSameAs(context.getBean(AwsCredentialsProvider.class));
			});
	}

	@Test
	void propertiesWinOverTheApplicationsProviders() {
		this.contextRunner.withUserConfiguration(AwsProvidersConfiguration.class).run((context) -> {
			SageMakerRuntimeAsyncClient client = context.getBean(SageMakerRuntimeAsyncClient.class);
			assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
			assertThat(credentials(client).accessKeyId()).isEqualTo("AKID");
		});
	}

	@Test
	void withoutCredentialPropertiesOrBeanTheSdkDefaultChainIsUsed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.credentials.verify-on-startup=false")
			.run((context) -> assertThat(context.getBean(SageMakerRuntimeAsyncClient.class)
				.serviceClientConfiguration()
				.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class));
	}

	@Test
	void customizersRunAfterThePropertiesInOrder() {
		this.contextRunner.withUserConfiguration(CustomizersConfiguration.class).run((context) -> {
			SageMakerRuntimeAsyncClient client = context.getBean(SageMakerRuntimeAsyncClient.class);
			assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("first", "second");
			assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
		});
	}

	@Test
	void backsOffToTheApplicationsClient() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SageMakerRuntimeAsyncClient.class);
			assertThat(context.getBean(SageMakerRuntimeAsyncClient.class))
				.isSameAs(context.getBean(UserClientConfiguration.class).client);
			assertThat(context).hasSingleBean(StreamingInferenceTemplate.class);
		});
	}

	@Test
	void backsOffToTheApplicationsTemplate() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(StreamingInferenceTemplate.class)
				.hasBean("myTemplate"));
	}

	@Test
	void isDisabledByProperty() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerRuntimeAsyncClient.class)
				.doesNotHaveBean(StreamingInferenceTemplate.class));
	}

	@Test
	void backsOffWithoutTheSageMakerRuntimeSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SageMakerRuntimeAsyncClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(StreamingInferenceTemplate.class));
	}

	@Test
	void backsOffWithoutTheNettyHttpClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.http.nio.netty"))
			.run((context) -> assertThat(context).doesNotHaveBean(StreamingInferenceTemplate.class));
	}

	@Test
	void anInvalidDefaultEndpointNameFailsAtStartupNamingTheValue() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.endpoint-name=bad_name").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sagemaker.runtime.endpoint-name")
				.hasMessageContaining("endpointName 'bad_name'");
		});
	}

	@Test
	void parametersBindWithTheirJsonTypes() {
		assertThat(ParameterValues
			.fromProperties(Map.of("max_tokens", "256", "stop", "[\"</s>\"]", "model", "llama", "flag", "true")))
			.hasEntrySatisfying("max_tokens", (value) -> assertThat(value).hasToString("256"))
			.hasEntrySatisfying("stop", (value) -> assertThat(value).hasToString("[\"</s>\"]"))
			.containsEntry("model", "llama")
			.hasEntrySatisfying("flag", (value) -> assertThat(value).hasToString("true"));
	}

	private static AwsCredentialsIdentity credentials(SageMakerRuntimeAsyncClient client) {
		return client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
	}

	@Configuration(proxyBeanMethods = false)
	static class AwsProvidersConfiguration {

		@Bean
		AwsCredentialsProvider applicationCredentials() {
			return StaticCredentialsProvider.create(AwsBasicCredentials.create("APP", "APPSECRET"));
		}

		@Bean
		AwsRegionProvider applicationRegion() {
			return () -> Region.AP_SOUTHEAST_2;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		SageMakerRuntimeAsyncClientCustomizer second() {
			return (builder) -> {
				this.calls.add("second");
				builder.region(Region.US_WEST_2);
			};
		}

		@Bean
		@Order(1)
		SageMakerRuntimeAsyncClientCustomizer first() {
			return (builder) -> {
				this.calls.add("first");
				builder.region(Region.US_EAST_2);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		final SageMakerRuntimeAsyncClient client = SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
			.build();

		@Bean
		SageMakerRuntimeAsyncClient userClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		StreamingInferenceTemplate myTemplate(SageMakerRuntimeAsyncClient client) {
			return StreamingInferenceTemplate.builder(client).build();
		}

	}

}
