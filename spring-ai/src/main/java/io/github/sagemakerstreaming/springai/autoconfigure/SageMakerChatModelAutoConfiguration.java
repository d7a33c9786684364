package io.github.sagemakerstreaming.springai.autoconfigure;

import io.github.sagemakerstreaming.autoconfigure.ParameterValues;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.springai.SageMakerChatModel;
import io.github.sagemakerstreaming.springai.SageMakerChatOptions;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.ai.model.tool.ToolCallingManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link SageMakerChatModel} on the application's
 * {@link StreamingInferenceTemplate}, so that the endpoint configured under
 * {@code sagemaker.runtime.*} is a Spring AI chat model, with the default options of
 * {@code spring.ai.sagemaker.chat.*} over the template's defaults. It backs off when
 * {@code spring.ai.model.chat} names another provider (set it to {@code sagemaker}, or
 * leave it unset) and when the application has a {@link SageMakerChatModel} of its own.
 * It uses the application's {@link ToolCallingManager}, {@link ObservationRegistry} and
 * {@link ChatModelObservationConvention} when there are.
 */
@AutoConfiguration(afterName = { "io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration",
		"io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeObservationAutoConfiguration",
		"org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ ChatModel.class, StreamingInferenceTemplate.class })
@ConditionalOnBean(StreamingInferenceTemplate.class)
@ConditionalOnProperty(name = SpringAIModelProperties.CHAT_MODEL, havingValue = SageMakerChatModel.MODEL_SELECTOR,
		matchIfMissing = true)
@EnableConfigurationProperties(SageMakerChatProperties.class)
public final class SageMakerChatModelAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SageMakerChatModel sageMakerSpringAiChatModel(StreamingInferenceTemplate template,
			SageMakerChatProperties properties, ObjectProvider<ToolCallingManager> toolCallingManager,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		return SageMakerChatModel.builder()
			.template(template)
			.defaultOptions(defaultOptions(properties))
			.toolCallingManager(toolCallingManager.getIfUnique())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.build();
	}

	private static SageMakerChatOptions defaultOptions(SageMakerChatProperties properties) {
		return SageMakerChatOptions.builder()
			.endpointName(properties.getEndpointName())
			.inferenceComponentName(properties.getInferenceComponentName())
			.format(properties.getFormat())
			.temperature(properties.getTemperature())
			.maxTokens(properties.getMaxTokens())
			.topP(properties.getTopP())
			.stopSequences(properties.getStopSequences())
			.extraBody(ParameterValues.fromProperties(properties.getExtraBody()))
			.build();
	}

}
