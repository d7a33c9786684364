package io.github.sagemakerstreaming.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

/**
 * What both chat models are built from: a template, or a client for a template with no
 * defaults of its own, the default request parameters (the endpoint among them), the
 * listeners, and whether requests and answers are logged.
 *
 * @param <B> the builder's own type
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

	private @Nullable StreamingInferenceTemplate template;

	private SageMakerChatRequestParameters defaultRequestParameters = SageMakerChatRequestParameters.EMPTY;

	private List<ChatModelListener> listeners = List.of();

	private Map<String, Object> customParameters = Map.of();

	private boolean logRequests;

	private boolean logResponses;

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

	/**
	 * Adds fields of the container's own to every request body, under those of the
	 * default request parameters and of each request.
	 * @param customParameters the fields
	 * @return this builder
	 * @see SageMakerChatRequestParameters.Builder#customParameters(Map)
	 */
	public B customParameters(Map<String, Object> customParameters) {
		this.customParameters = Map.copyOf(customParameters);
		return self();
	}

	/**
	 * Sets whether each request body is logged, at DEBUG under the
	 * {@code StreamingInferenceTemplate} logger (off unless set; the template's own
	 * setting applies then). The body holds the prompt.
	 * @param logRequests whether to log the request bodies
	 * @return this builder
	 */
	public B logRequests(boolean logRequests) {
		this.logRequests = logRequests;
		return self();
	}

	/**
	 * Sets whether each answer is logged, whole, at DEBUG under the
	 * {@code StreamingInferenceTemplate} logger (off unless set; the template's own
	 * setting applies then).
	 * @param logResponses whether to log the answers
	 * @return this builder
	 */
	public B logResponses(boolean logResponses) {
		this.logResponses = logResponses;
		return self();
	}

	StreamingInferenceTemplate template() {
		if (this.template == null) {
			throw new IllegalStateException("Set a template or a client to build a SageMaker chat model");
		}
		return this.template;
	}

	SageMakerChatRequestParameters defaultRequestParameters() {
		if (this.customParameters.isEmpty()) {
			return this.defaultRequestParameters;
		}
		return SageMakerChatRequestParameters.builder()
			.customParameters(this.customParameters)
			.build()
			.overrideWith(this.defaultRequestParameters);
	}

	boolean logRequests() {
		return this.logRequests;
	}

	boolean logResponses() {
		return this.logResponses;
	}

	List<ChatModelListener> listeners() {
		return this.listeners;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
