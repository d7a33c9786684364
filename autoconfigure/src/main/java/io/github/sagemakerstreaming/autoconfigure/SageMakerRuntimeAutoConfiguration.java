package io.github.sagemakerstreaming.autoconfigure;

import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.format.ContainerDialectDecoder;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link SageMakerRuntimeAsyncClient} for streaming and of a
 * {@link StreamingInferenceTemplate}. A user's own client, template or
 * {@link ResponseDecoder} bean wins. The transport is chosen from
 * {@code sagemaker.runtime.transport} when the context starts; on the direct one, the
 * client and the template's direct transport share one HTTP client.
 */
@AutoConfiguration
@ConditionalOnClass({ SageMakerRuntimeAsyncClient.class, NettyNioAsyncHttpClient.class, Flux.class })
@ConditionalOnBooleanProperty(name = "sagemaker.runtime.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SageMakerRuntimeProperties.class)
public final class SageMakerRuntimeAutoConfiguration {

	@Bean
	SageMakerRuntimeTransport sageMakerRuntimeTransport(SageMakerRuntimeProperties properties) {
		SageMakerRuntimePropertiesValidator.validate(properties);
		return SageMakerRuntimeTransport.of(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SageMakerRuntimeAsyncClient sageMakerRuntimeAsyncClient(SageMakerRuntimeProperties properties,
			ObjectProvider<AwsCredentialsProvider> credentialsProvider,
			ObjectProvider<AwsRegionProvider> regionProvider,
			ObjectProvider<SageMakerRuntimeAsyncClientCustomizer> customizers, SageMakerRuntimeTransport transport) {
		SageMakerRuntimePropertiesValidator.validate(properties);
		SageMakerRuntimeAsyncClientBuilder builder = SageMakerRuntimeAsyncClient.builder();
		new SageMakerRuntimeClientConfigurer(properties, credentialsProvider, regionProvider).configure(builder,
				transport.directHttpClient());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		try {
			return builder.build();
		}
		catch (SdkClientException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("Unable to load region")) {
				throw new MissingRegionException(ex);
			}
			throw ex;
		}
	}

	@Bean
	@ConditionalOnMissingBean
	StreamingInferenceTemplate streamingInferenceTemplate(SageMakerRuntimeAsyncClient client,
			SageMakerRuntimeProperties properties, ObjectProvider<ResponseDecoder> decoder,
			ObjectProvider<StreamingInferenceTemplateCustomizer> customizers, SageMakerRuntimeTransport transport) {
		SageMakerRuntimePropertiesValidator.validate(properties);
		PropertyMapper map = PropertyMapper.get();
		StreamingInferenceTemplate.Builder builder = StreamingInferenceTemplate.builder(client);
		builder.directTransport(transport.directHttpClient());
		map.from(properties::getEndpointName).to(setting("endpoint-name", builder::endpointName));
		map.from(properties::getFormat).to(builder::format);
		map.from(properties::getParameters)
			.as(ParameterValues::fromProperties)
			.to(setting("parameters", builder::parameters));
		map.from(properties::getContentType).to(setting("content-type", builder::contentType));
		map.from(properties::getAccept).to(setting("accept", builder::accept));
		map.from(properties::getCustomAttributes).to(setting("custom-attributes", builder::customAttributes));
		map.from(properties::getInferenceComponentName)
			.to(setting("inference-component-name", builder::inferenceComponentName));
		map.from(properties::getFirstTokenTimeout).to(setting("first-token-timeout", builder::firstTokenTimeout));
		map.from(properties::getIdleTimeout).to(setting("idle-timeout", builder::idleTimeout));
		map.from(properties::getTotalTimeout).to(setting("total-timeout", builder::totalTimeout));
		map.from(properties::isIncludeUsage).to(builder::includeUsage);
		map.from(properties::isLogRequests).to(builder::logRequests);
		map.from(properties::isLogResponses).to(builder::logResponses);
		SageMakerRuntimeProperties.Retry retry = properties.getRetry();
		builder.retry(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff());
		builder.decoder(decoder.getIfAvailable(() -> new ContainerDialectDecoder(maxRecordSize(properties))));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * Applies a property to a request setting of the builder, which checks it, and
	 * reports a value it refuses against the property.
	 */
	private static <T> Consumer<T> setting(String property, Consumer<T> setter) {
		return (value) -> {
			try {
				setter.accept(value);
			}
			catch (InvalidInferenceRequestException ex) {
				throw new InvalidConfigurationPropertyValueException("sagemaker.runtime." + property, value,
						ex.getMessage());
			}
		};
	}

	private static int maxRecordSize(SageMakerRuntimeProperties properties) {
		return (int) Math.min(Integer.MAX_VALUE, properties.getMaxRecordSize().toBytes());
	}

}
