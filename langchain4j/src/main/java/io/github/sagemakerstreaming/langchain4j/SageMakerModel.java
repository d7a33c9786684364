package io.github.sagemakerstreaming.langchain4j;

import java.util.List;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

/**
 * What both chat models hold: the template that invokes the endpoint, the default request
 * parameters and the listeners.
 */
abstract class SageMakerModel {

	private final StreamingInferenceTemplate template;

	private final SageMakerChatRequestParameters defaultRequestParameters;

	private final List<ChatModelListener> listeners;

	SageMakerModel(ModelBuilder<?> builder) {
		this.template = builder.template();
		this.defaultRequestParameters = builder.defaultRequestParameters();
		this.listeners = builder.listeners();
	}

	StreamingInferenceTemplate template() {
		return this.template;
	}

	/**
	 * Returns the parameters used where a request sets none.
	 * @return the default request parameters
	 */
	public SageMakerChatRequestParameters defaultRequestParameters() {
		return this.defaultRequestParameters;
	}

	/**
	 * Returns the listeners that LangChain4j calls around each request.
	 * @return the listeners
	 */
	public List<ChatModelListener> listeners() {
		return this.listeners;
	}

	/**
	 * Returns the provider: LangChain4j names no SageMaker provider, so
	 * {@link ModelProvider#OTHER}.
	 * @return the provider
	 */
	public ModelProvider provider() {
		return ModelProvider.OTHER;
	}

}
