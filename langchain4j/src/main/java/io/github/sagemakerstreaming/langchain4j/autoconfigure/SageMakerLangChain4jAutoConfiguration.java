package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.sagemakerstreaming.langchain4j.SageMakerChatModel;
import io.github.sagemakerstreaming.langchain4j.SageMakerChatRequestParameters;
import io.github.sagemakerstreaming.langchain4j.SageMakerStreamingChatModel;
import io.github.sagemakerstreaming.autoconfigure.ParameterValues;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of LangChain4j's {@link ChatModel} and {@link StreamingChatModel} on
 * the application's {@link StreamingInferenceTemplate}, so that the endpoint configured
 * under {@code sagemaker.runtime.*} serves AI services, with the default request
 * parameters of {@code langchain4j.sagemaker.chat-model.*} and
 * {@code langchain4j.sagemaker.streaming-chat-model.*}. Each backs off to a SageMaker
 * model of that type of the application's own, and only to that: the models of other
 * providers sit beside them. The application's {@link ChatModelListener} beans are called
 * around every request.
 */
@AutoConfiguration(afterName = "io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, StreamingInferenceTemplate.class })
@ConditionalOnBean(StreamingInferenceTemplate.class)
@EnableConfigurationProperties(SageMakerLangChain4jProperties.class)
public final class SageMakerLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SageMakerStreamingChatModel.class)
	SageMakerStreamingChatModel sageMakerLangChain4jStreamingChatModel(StreamingInferenceTemplate template,
			SageMakerLangChain4jProperties properties, ObjectProvider<ChatModelListener> listeners) {
		return SageMakerStreamingChatModel.builder()
			.template(template)
			.defaultRequestParameters(defaultRequestParameters(properties.getStreamingChatModel()))
			.logRequests(properties.getStreamingChatModel().isLogRequests())
			.logResponses(properties.getStreamingChatModel().isLogResponses())
			.listeners(listeners.orderedStream().toList())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(SageMakerChatModel.class)
	SageMakerChatModel sageMakerLangChain4jChatModel(StreamingInferenceTemplate template,
			SageMakerLangChain4jProperties properties, ObjectProvider<ChatModelListener> listeners) {
		return SageMakerChatModel.builder()
			.template(template)
			.defaultRequestParameters(defaultRequestParameters(properties.getChatModel()))
			.logRequests(properties.getChatModel().isLogRequests())
			.logResponses(properties.getChatModel().isLogResponses())
			.listeners(listeners.orderedStream().toList())
			.build();
	}

	private static SageMakerChatRequestParameters defaultRequestParameters(
			SageMakerLangChain4jProperties.ChatModel properties) {
		return SageMakerChatRequestParameters.builder()
			.endpointName(properties.getEndpointName())
			.inferenceComponentName(properties.getInferenceComponentName())
			.format(properties.getFormat())
			.temperature(properties.getTemperature())
			.maxOutputTokens(properties.getMaxTokens())
			.topP(properties.getTopP())
			.stopSequences(properties.getStopSequences())
			.customParameters(ParameterValues.fromProperties(properties.getCustomParameters()))
			.build();
	}

}
