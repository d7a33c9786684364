package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming invocation: a prompt, a conversation (messages, with the tools the model
 * may call) or a raw body, and every parameter of the
 * {@code InvokeEndpointWithResponseStream} API. Values left unset take the template's
 * defaults. Build it with {@link #builder()}; {@link Builder#build()} checks the API's
 * documented constraints.
 */
public final class InferenceRequest {

	private final String endpointName;

	private final String prompt;

	private final List<ChatMessage> messages;

	private final List<ToolDefinition> tools;

	private final ToolChoice toolChoice;

	private final byte[] body;

	private final InferenceFormat format;

	private final Map<String, Object> parameters;

	private final String contentType;

	private final String accept;

	private final String customAttributes;

	private final String targetVariant;

	private final String targetContainerHostname;

	private final String inferenceId;

	private final String inferenceComponentName;

	private final String sessionId;

	private final InferenceSession session;

	private final String targetModel;

	private final Duration firstTokenTimeout;

	private final Duration idleTimeout;

	private final Duration totalTimeout;

	private InferenceRequest(Builder builder) {
		this.endpointName = builder.endpointName;
		this.prompt = builder.prompt;
		this.messages = builder.messages;
		this.tools = builder.tools;
		this.toolChoice = builder.toolChoice;
		this.body = builder.body;
		this.format = builder.format;
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
		this.contentType = builder.contentType;
		this.accept = builder.accept;
		this.customAttributes = builder.customAttributes;
		this.targetVariant = builder.targetVariant;
		this.targetContainerHostname = builder.targetContainerHostname;
		this.inferenceId = builder.inferenceId;
		this.inferenceComponentName = builder.inferenceComponentName;
		this.sessionId = builder.sessionId;
		this.session = builder.session;
		this.targetModel = builder.targetModel;
		this.firstTokenTimeout = builder.firstTokenTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.totalTimeout = builder.totalTimeout;
	}

	/**
	 * Starts a request.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the endpoint to invoke.
	 * @return the endpoint name, or {@code null} for the template's default
	 */
	public String endpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the prompt, which the format turns into a body.
	 * @return the prompt, or {@code null} if messages or a raw body are set
	 */
	public String prompt() {
		return this.prompt;
	}

	/**
	 * Returns the conversation, which the {@code openai-chat} format renders as its
	 * {@code messages}.
	 * @return the messages, or {@code null} if a prompt or a raw body is set
	 */
	public List<ChatMessage> messages() {
		return this.messages;
	}

	/**
	 * Returns the tools the model may call.
	 * @return the tools, empty if none
	 */
	public List<ToolDefinition> tools() {
		return this.tools;
	}

	/**
	 * Returns whether, and which, tool the model must call.
	 * @return the tool choice, or {@code null} for the container's default
	 */
	public ToolChoice toolChoice() {
		return this.toolChoice;
	}

	/**
	 * Returns the raw body, sent as it is.
	 * @return a copy of the body, or {@code null} if a prompt is set
	 */
	public byte[] body() {
		return (this.body != null) ? this.body.clone() : null;
	}

	byte[] rawBody() {
		return this.body;
	}

	/**
	 * Returns the format.
	 * @return the format, or {@code null} for the template's default
	 */
	public InferenceFormat format() {
		return this.format;
	}

	/**
	 * Returns the generation parameters, merged over the template's defaults into the
	 * body built from the prompt.
	 * @return the parameters, never {@code null}
	 */
	public Map<String, Object> parameters() {
		return this.parameters;
	}

	/**
	 * Returns the MIME type of the body.
	 * @return the content type, or {@code null} for the template's default
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Returns the MIME type asked of the container ({@code X-Amzn-SageMaker-Accept}).
	 * @return the accept value, or {@code null} for the template's default
	 */
	public String accept() {
		return this.accept;
	}

	/**
	 * Returns the custom attributes passed to the container.
	 * @return the custom attributes, or {@code null} for the template's default
	 */
	public String customAttributes() {
		return this.customAttributes;
	}

	/**
	 * Returns the production variant to invoke.
	 * @return the variant, or {@code null} to let SageMaker route by weight
	 */
	public String targetVariant() {
		return this.targetVariant;
	}

	/**
	 * Returns the container to invoke on a multi-container endpoint with direct
	 * invocation.
	 * @return the container hostname, or {@code null}
	 */
	public String targetContainerHostname() {
		return this.targetContainerHostname;
	}

	/**
	 * Returns the inference id that SageMaker records with the request.
	 * @return the inference id, or {@code null}
	 */
	public String inferenceId() {
		return this.inferenceId;
	}

	/**
	 * Returns the inference component to invoke.
	 * @return the inference component name, or {@code null} for the template's default
	 */
	public String inferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the id of a stateful session opened earlier with {@code InvokeEndpoint}.
	 * @return the session id, or {@code null}
	 */
	public String sessionId() {
		return this.sessionId;
	}

	/**
	 * Returns the stateful session the request continues, whose endpoint and expiry are
	 * checked before sending.
	 * @return the session, or {@code null}
	 */
	public InferenceSession session() {
		return this.session;
	}

	/**
	 * Returns the model to invoke on a multi-model endpoint, which only {@code invoke}
	 * can address.
	 * @return the target model, or {@code null}
	 */
	public String targetModel() {
		return this.targetModel;
	}

	/**
	 * Returns the longest wait from subscription to the first token.
	 * @return the first-token timeout, or {@code null} for the template's
	 */
	public Duration firstTokenTimeout() {
		return this.firstTokenTimeout;
	}

	/**
	 * Returns the longest gap between two events once the stream has started.
	 * @return the idle timeout, or {@code null} for the template's
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Returns the longest time the whole stream may take.
	 * @return the total timeout, or {@code null} for the template's
	 */
	public Duration totalTimeout() {
		return this.totalTimeout;
	}

	/**
	 * Builds an {@link InferenceRequest}.
	 */
	public static final class Builder {

		private String endpointName;

		private String prompt;

		private List<ChatMessage> messages;

		private List<ToolDefinition> tools = List.of();

		private ToolChoice toolChoice;

		private byte[] body;

		private InferenceFormat format;

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		private String contentType;

		private String accept;

		private String customAttributes;

		private String targetVariant;

		private String targetContainerHostname;

		private String inferenceId;

		private String inferenceComponentName;

		private String sessionId;

		private InferenceSession session;

		private String targetModel;

		private Duration firstTokenTimeout;

		private Duration idleTimeout;

		private Duration totalTimeout;

		private Builder() {
		}

		/**
		 * Sets the endpoint to invoke (at most 63 letters, digits and hyphens).
		 * @param endpointName the endpoint name
		 * @return this builder
		 */
		public Builder endpointName(String endpointName) {
			this.endpointName = endpointName;
			return this;
		}

		/**
		 * Sets the prompt, which the format turns into a body.
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(String prompt) {
			this.prompt = prompt;
			return this;
		}

		/**
		 * Sets the conversation, oldest message first, which the {@code openai-chat}
		 * format renders as its {@code messages}; other formats refuse it.
		 * @param messages the messages
		 * @return this builder
		 */
		public Builder messages(List<ChatMessage> messages) {
			this.messages = (messages != null) ? List.copyOf(messages) : null;
			return this;
		}

		/**
		 * Sets the tools the model may call, which the {@code openai-chat} format renders
		 * as its {@code tools}; other formats refuse them.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(List<ToolDefinition> tools) {
			this.tools = List.copyOf(tools);
			return this;
		}

		/**
		 * Sets whether, and which, tool the model must call (the container's default,
		 * {@code auto} with tools, unless set).
		 * @param toolChoice the tool choice
		 * @return this builder
		 */
		public Builder toolChoice(ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Sets a raw body, sent as it is instead of the format's request shape (at most 6
		 * MiB).
		 * @param body the body
		 * @return this builder
		 */
		public Builder body(byte[] body) {
			this.body = (body != null) ? body.clone() : null;
			return this;
		}

		/**
		 * Sets a raw body, sent as UTF-8 instead of the format's request shape (at most 6
		 * MiB).
		 * @param body the body
		 * @return this builder
		 */
		public Builder body(String body) {
			this.body = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null;
			return this;
		}

		/**
		 * Sets the format, overriding the template's default.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(InferenceFormat format) {
			this.format = format;
			return this;
		}

		/**
		 * Adds generation parameters (for example {@code max_tokens},
		 * {@code temperature}), merged over the template's defaults. Values are strings,
		 * numbers, booleans, lists, maps or Jackson nodes. Names that would replace what
		 * the format builds from the prompt ({@code messages}, {@code prompt},
		 * {@code inputs}, {@code stream}) are refused when the request is built.
		 * @param parameters the parameters
		 * @return this builder
		 */
		public Builder parameters(Map<String, ?> parameters) {
			this.parameters.putAll(parameters);
			return this;
		}

		/**
		 * Adds one generation parameter.
		 * @param name the parameter name
		 * @param value the value
		 * @return this builder
		 */
		public Builder parameter(String name, Object value) {
			this.parameters.put(name, value);
			return this;
		}

		/**
		 * Sets the MIME type of the body (at most 1024 US-ASCII characters).
		 * @param contentType the content type
		 * @return this builder
		 */
		public Builder contentType(String contentType) {
			this.contentType = contentType;
			return this;
		}

		/**
		 * Sets the MIME type asked of the container (at most 1024 US-ASCII characters).
		 * @param accept the accept value
		 * @return this builder
		 */
		public Builder accept(String accept) {
			this.accept = accept;
			return this;
		}

		/**
		 * Sets the custom attributes passed to the container, for example
		 * {@code accept_eula=true} (at most 1024 visible US-ASCII characters).
		 * @param customAttributes the custom attributes
		 * @return this builder
		 */
		public Builder customAttributes(String customAttributes) {
			this.customAttributes = customAttributes;
			return this;
		}

		/**
		 * Sets the production variant to invoke.
		 * @param targetVariant the variant name
		 * @return this builder
		 */
		public Builder targetVariant(String targetVariant) {
			this.targetVariant = targetVariant;
			return this;
		}

		/**
		 * Sets the container to invoke on a multi-container endpoint with direct
		 * invocation.
		 * @param targetContainerHostname the container hostname
		 * @return this builder
		 */
		public Builder targetContainerHostname(String targetContainerHostname) {
			this.targetContainerHostname = targetContainerHostname;
			return this;
		}

		/**
		 * Sets the inference id that SageMaker records with the request (1 to 64
		 * printable characters).
		 * @param inferenceId the inference id
		 * @return this builder
		 */
		public Builder inferenceId(String inferenceId) {
			this.inferenceId = inferenceId;
			return this;
		}

		/**
		 * Sets the inference component to invoke.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 */
		public Builder inferenceComponentName(String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Sets the id of a stateful session opened earlier with {@code InvokeEndpoint}
		 * (the streaming operation cannot open one). Prefer
		 * {@link #session(InferenceSession)}, which also checks the endpoint and the
		 * expiry.
		 * @param sessionId the session id
		 * @return this builder
		 */
		public Builder sessionId(String sessionId) {
			this.sessionId = sessionId;
			this.session = null;
			return this;
		}

		/**
		 * Continues a stateful session opened with
		 * {@link StreamingInferenceTemplate#openSession}, with {@code stream} or
		 * {@code invoke}. Before sending, the template checks that the request goes to
		 * the session's endpoint (and inference component) and that the session has not
		 * expired.
		 * @param session the session
		 * @return this builder
		 */
		public Builder session(InferenceSession session) {
			this.session = session;
			this.sessionId = (session != null) ? session.id() : null;
			return this;
		}

		/**
		 * Sets the model to invoke on a multi-model endpoint
		 * ({@code X-Amzn-SageMaker-Target-Model}, at most 1024 printable characters).
		 * Only {@code invoke} can address one; {@code stream} refuses it.
		 * @param targetModel the target model, for example {@code model-a.tar.gz}
		 * @return this builder
		 */
		public Builder targetModel(String targetModel) {
			this.targetModel = targetModel;
			return this;
		}

		/**
		 * Sets the longest wait from subscription to the first token, overriding the
		 * template's.
		 * @param timeout the first-token timeout
		 * @return this builder
		 */
		public Builder firstTokenTimeout(Duration timeout) {
			this.firstTokenTimeout = timeout;
			return this;
		}

		/**
		 * Sets the longest gap between two events once the stream has started, overriding
		 * the template's.
		 * @param timeout the idle timeout
		 * @return this builder
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = timeout;
			return this;
		}

		/**
		 * Sets the longest time the whole stream may take, overriding the template's.
		 * @param timeout the total timeout
		 * @return this builder
		 */
		public Builder totalTimeout(Duration timeout) {
			this.totalTimeout = timeout;
			return this;
		}

		/**
		 * Checks the request against the API's constraints and builds it.
		 * @return the request
		 * @throws InvalidInferenceRequestException naming the field that breaks a
		 * constraint
		 */
		public InferenceRequest build() {
			checkContent();
			RequestConstraints.endpointName(this.endpointName, "endpointName");
			RequestConstraints.asciiHeader(this.contentType, "contentType");
			RequestConstraints.asciiHeader(this.accept, "accept");
			RequestConstraints.customAttributes(this.customAttributes, "customAttributes");
			RequestConstraints.endpointName(this.targetVariant, "targetVariant");
			RequestConstraints.endpointName(this.targetContainerHostname, "targetContainerHostname");
			RequestConstraints.inferenceId(this.inferenceId, "inferenceId");
			RequestConstraints.inferenceComponentName(this.inferenceComponentName, "inferenceComponentName");
			RequestConstraints.sessionId(this.sessionId, "sessionId");
			RequestConstraints.targetModel(this.targetModel, "targetModel");
			RequestConstraints.parameters(this.parameters, this.endpointName);
			if (this.body != null) {
				RequestConstraints.bodySize(this.body.length, this.endpointName);
			}
			checkTimeout(this.firstTokenTimeout, "firstTokenTimeout");
			checkTimeout(this.idleTimeout, "idleTimeout");
			checkTimeout(this.totalTimeout, "totalTimeout");
			return new InferenceRequest(this);
		}

		private void checkContent() {
			List<String> set = new ArrayList<>();
			if (this.prompt != null) {
				set.add("prompt");
			}
			if (this.messages != null) {
				set.add("messages");
			}
			if (this.body != null) {
				set.add("body");
			}
			if (set.size() != 1) {
				throw new InvalidInferenceRequestException(
						"Set exactly one of prompt, messages and body, but "
								+ (set.isEmpty() ? "none is set" : String.join(" and ", set) + " are set")
								+ ": a prompt or messages are shaped by the format, a body is sent as it is.",
						this.endpointName);
			}
			if (this.messages != null && this.messages.isEmpty()) {
				throw new InvalidInferenceRequestException(
						"The messages are empty: a conversation needs at least one message.", this.endpointName);
			}
			if (this.body != null && (!this.tools.isEmpty() || this.toolChoice != null)) {
				throw new InvalidInferenceRequestException(
						"Tools and a tool choice are rendered by the format, so they "
								+ "cannot go with a body of your own: put them in the body, or set a prompt or messages instead.",
						this.endpointName);
			}
		}

		private void checkTimeout(Duration timeout, String field) {
			if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
				throw new InvalidInferenceRequestException(
						"Invalid " + field + " " + timeout + ": it must be positive.", this.endpointName);
			}
		}

	}

}
