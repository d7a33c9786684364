package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.sagemakerstreaming.langchain4j.SageMakerChatModel;
import io.github.sagemakerstreaming.langchain4j.SageMakerStreamingChatModel;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of LangChain4j's {@link ChatModel} and {@link StreamingChatModel} on
 * the application's {@link StreamingInferenceTemplate}, so that the endpoint configured
 * under {@code sagemaker.runtime.*} serves AI services. Each backs off to a model of that
 * type of the application's own; the application's {@link ChatModelListener} beans are
 * called around every request.
 */
@AutoConfiguration(afterName = "io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, StreamingInferenceTemplate.class })
@ConditionalOnBean(StreamingInferenceTemplate.class)
public final class SageMakerLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(StreamingChatModel.class)
	SageMakerStreamingChatModel sageMakerLangChain4jStreamingChatModel(StreamingInferenceTemplate template,
			ObjectProvider<ChatModelListener> listeners) {
		return SageMakerStreamingChatModel.builder()
			.template(template)
			.listeners(listeners.orderedStream().toList())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(ChatModel.class)
	SageMakerChatModel sageMakerLangChain4jChatModel(StreamingInferenceTemplate template,
			ObjectProvider<ChatModelListener> listeners) {
		return SageMakerChatModel.builder().template(template).listeners(listeners.orderedStream().toList()).build();
	}

}
