package io.github.sagemakerstreaming.langchain4j;

import java.util.List;
import java.util.Set;

import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

/**
 * What both chat models hold: the template that invokes the endpoint, the default request
 * parameters and the listeners.
 */
abstract class SageMakerModel {

	private final StreamingInferenceTemplate template;

	private final SageMakerChatRequestParameters defaultRequestParameters;

	private final List<ChatModelListener> listeners;

	private final boolean logRequests;

	private final boolean logResponses;

	SageMakerModel(ModelBuilder<?> builder) {
		this.template = builder.template();
		this.defaultRequestParameters = builder.defaultRequestParameters();
		this.listeners = builder.listeners();
		this.logRequests = builder.logRequests();
		this.logResponses = builder.logResponses();
	}

	StreamingInferenceTemplate template() {
		return this.template;
	}

	/**
	 * Turns a LangChain4j request into the template's, with the logging switched on where
	 * this model's is.
	 * @throws UnsupportedFeatureException if the request asks for JSON in a format that
	 * cannot send a conversation
	 */
	InferenceRequest toRequest(ChatRequest request) {
		ResponseFormat responseFormat = request.parameters().responseFormat();
		InferenceFormat format = format(request.parameters());
		if (responseFormat != null && responseFormat.type() == ResponseFormatType.JSON
				&& format != InferenceFormat.OPENAI_CHAT) {
			throw new UnsupportedFeatureException("A JSON response format needs the openai-chat format, which "
					+ "sends the conversation and its response_format, but the format is " + format
					+ ": set format(InferenceFormat.OPENAI_CHAT) in the request parameters.");
		}
		InferenceRequest.Builder builder = ChatRequests.toRequest(request);
		if (this.logRequests) {
			builder.logRequests(true);
		}
		if (this.logResponses) {
			builder.logResponses(true);
		}
		return builder.build();
	}

	/**
	 * Returns what the model can do in the format of its default request parameters, or
	 * else its template's: a JSON schema response format in the openai-chat format.
	 * @return the capabilities
	 */
	public Set<Capability> supportedCapabilities() {
		return (format(this.defaultRequestParameters) == InferenceFormat.OPENAI_CHAT)
				? Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA) : Set.of();
	}

	private InferenceFormat format(ChatRequestParameters parameters) {
		InferenceFormat format = (parameters instanceof SageMakerChatRequestParameters sagemaker)
				? sagemaker.invocationOptions().format() : null;
		return (format != null) ? format : this.template.format();
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
