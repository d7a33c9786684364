package io.github.sagemakerstreaming.autoconfigure;

import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Reports the default endpoint's status as the health contributor {@code sagemaker}, when
 * Spring Boot's health support and the SageMaker control-plane SDK
 * ({@code software.amazon.awssdk:sagemaker}) are on the classpath. The control-plane
 * client takes its credentials and region from the runtime client. Switch:
 * {@code management.health.sagemaker.enabled}.
 * <p>
 * Whether there is a default endpoint ({@code sagemaker.runtime.endpoint-name}) is
 * decided when the contributor is created, not by a condition, so that an application
 * processed ahead of time reports the endpoint named when it is deployed; with none, the
 * contributor is UNKNOWN.
 */
@AutoConfiguration(after = SageMakerRuntimeAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, SageMakerAsyncClient.class })
@ConditionalOnBean(SageMakerRuntimeAsyncClient.class)
@ConditionalOnBooleanProperty(name = "sagemaker.runtime.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("sagemaker")
public final class SageMakerEndpointHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "sagemakerHealthIndicator")
	SageMakerEndpointHealthIndicator sagemakerHealthIndicator(SageMakerRuntimeAsyncClient runtimeClient,
			SageMakerRuntimeProperties properties) {
		String endpointName = properties.getEndpointName();
		if (endpointName == null) {
			return new SageMakerEndpointHealthIndicator();
		}
		SageMakerAsyncClientBuilder builder = SageMakerAsyncClient.builder()
			.credentialsProvider(runtimeClient.serviceClientConfiguration().credentialsProvider())
			.region(runtimeClient.serviceClientConfiguration().region())
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(2));
		PropertyMapper.get().from(properties.getHealth()::getEndpointOverride).to(builder::endpointOverride);
		return new SageMakerEndpointHealthIndicator(builder.build(), endpointName,
				properties.getHealth().getCacheTimeToLive());
	}

}
