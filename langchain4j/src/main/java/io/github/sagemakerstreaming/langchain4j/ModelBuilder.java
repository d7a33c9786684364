package io.github.sagemakerstreaming.langchain4j;

import java.util.List;
import java.util.Objects;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

/**
 * What both chat models are built from: a template, or a client for a template with no
 * defaults of its own, the default request parameters (the endpoint among them) and the
 * listeners.
 *
 * @param <B> the builder's own type
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

	private @Nullable StreamingInferenceTemplate template;

	private SageMakerChatRequestParameters defaultRequestParameters = SageMakerChatRequestParameters.EMPTY;

	private List<ChatModelListener> listeners = List.of();

	ModelBuilder() {
	}

	/**
	 * Sets the template that invokes the endpoint; its defaults (endpoint, format, time
	 * limits) apply where the request parameters set none.
	 * @param template the template
	 * @return this builder
	 */
	public B template(StreamingInferenceTemplate template) {
		this.template = Objects.requireNonNull(template, "template");
		return self();
	}

	/**
	 * Sets the client that invokes the endpoint, through a template with the library's
	 * defaults; name the endpoint in the default request parameters.
	 * @param client the SageMaker Runtime client
	 * @return this builder
	 */
	public B client(SageMakerRuntimeAsyncClient client) {
		return template(StreamingInferenceTemplate.builder(client).build());
	}

	/**
	 * Sets the parameters used where a request sets none.
	 * @param defaultRequestParameters the default request parameters
	 * @return this builder
	 */
	public B defaultRequestParameters(SageMakerChatRequestParameters defaultRequestParameters) {
		this.defaultRequestParameters = Objects.requireNonNull(defaultRequestParameters, "defaultRequestParameters");
		return self();
	}

	/**
	 * Sets the listeners that LangChain4j calls around each request.
	 * @param listeners the listeners
	 * @return this builder
	 */
	public B listeners(List<ChatModelListener> listeners) {
		this.listeners = List.copyOf(listeners);
		return self();
	}

	StreamingInferenceTemplate template() {
		if (this.template == null) {
			throw new IllegalStateException("Set a template or a client to build a SageMaker chat model");
		}
		return this.template;
	}

	SageMakerChatRequestParameters defaultRequestParameters() {
		return this.defaultRequestParameters;
	}

	List<ChatModelListener> listeners() {
		return this.listeners;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
