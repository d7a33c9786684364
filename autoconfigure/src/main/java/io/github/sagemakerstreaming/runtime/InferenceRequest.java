package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One streaming invocation: a prompt, a conversation (messages, with the tools the model
 * may call) or a raw body, and every parameter of the
 * {@code InvokeEndpointWithResponseStream} API. Values left unset take the template's
 * defaults. Build it with {@link #builder()}; each setting is checked against the API's
 * documented constraints as it is set, and {@link Builder#build()} checks how they go
 * together.
 */
public final class InferenceRequest {

	private final RequestSettings settings;

	private final @Nullable String prompt;

	private final @Nullable List<ChatMessage> messages;

	private final List<ToolDefinition> tools;

	private final @Nullable ToolChoice toolChoice;

	private final @Nullable ResponseFormat responseFormat;

	private final byte @Nullable [] body;

	private final @Nullable String targetVariant;

	private final @Nullable String targetContainerHostname;

	private final @Nullable String inferenceId;

	private final @Nullable String sessionId;

	private final @Nullable InferenceSession session;

	private final @Nullable String targetModel;

	private InferenceRequest(Builder builder) {
		this.settings = builder.settings();
		this.prompt = builder.prompt;
		this.messages = builder.messages;
		this.tools = builder.tools;
		this.toolChoice = builder.toolChoice;
		this.responseFormat = builder.responseFormat;
		this.body = builder.body;
		this.targetVariant = builder.targetVariant;
		this.targetContainerHostname = builder.targetContainerHostname;
		this.inferenceId = builder.inferenceId;
		this.sessionId = builder.sessionId;
		this.session = builder.session;
		this.targetModel = builder.targetModel;
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
	public @Nullable String endpointName() {
		return this.settings.endpointName();
	}

	/**
	 * Returns the prompt, which the format turns into a body.
	 * @return the prompt, or {@code null} if messages or a raw body are set
	 */
	public @Nullable String prompt() {
		return this.prompt;
	}

	/**
	 * Returns the conversation, which the {@code openai-chat} format renders as its
	 * {@code messages}.
	 * @return the messages, or {@code null} if a prompt or a raw body is set
	 */
	public @Nullable List<ChatMessage> messages() {
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
	public @Nullable ToolChoice toolChoice() {
		return this.toolChoice;
	}

	/**
	 * Returns the shape asked of the answer.
	 * @return the response format, or {@code null} for free text
	 */
	public @Nullable ResponseFormat responseFormat() {
		return this.responseFormat;
	}

	/**
	 * Returns the raw body, sent as it is.
	 * @return a copy of the body, or {@code null} if a prompt is set
	 */
	public byte @Nullable [] body() {
		return (this.body != null) ? this.body.clone() : null;
	}

	byte @Nullable [] rawBody() {
		return this.body;
	}

	RequestSettings settings() {
		return this.settings;
	}

	/**
	 * Returns the format.
	 * @return the format, or {@code null} for the template's default
	 */
	public @Nullable InferenceFormat format() {
		return this.settings.format();
	}

	/**
	 * Returns the generation parameters, merged over the template's defaults into the
	 * body built from the prompt.
	 * @return the parameters, never {@code null}
	 */
	public Map<String, Object> parameters() {
		return this.settings.parameters();
	}

	/**
	 * Returns the MIME type of the body.
	 * @return the content type, or {@code null} for the template's default
	 */
	public @Nullable String contentType() {
		return this.settings.contentType();
	}

	/**
	 * Returns the MIME type asked of the container ({@code X-Amzn-SageMaker-Accept}).
	 * @return the accept value, or {@code null} for the template's default
	 */
	public @Nullable String accept() {
		return this.settings.accept();
	}

	/**
	 * Returns the custom attributes passed to the container.
	 * @return the custom attributes, or {@code null} for the template's default
	 */
	public @Nullable String customAttributes() {
		return this.settings.customAttributes();
	}

	/**
	 * Returns the production variant to invoke.
	 * @return the variant, or {@code null} to let SageMaker route by weight
	 */
	public @Nullable String targetVariant() {
		return this.targetVariant;
	}

	/**
	 * Returns the container to invoke on a multi-container endpoint with direct
	 * invocation.
	 * @return the container hostname, or {@code null}
	 */
	public @Nullable String targetContainerHostname() {
		return this.targetContainerHostname;
	}

	/**
	 * Returns the inference id that SageMaker records with the request.
	 * @return the inference id, or {@code null}
	 */
	public @Nullable String inferenceId() {
		return this.inferenceId;
	}

	/**
	 * Returns the inference component to invoke.
	 * @return the inference component name, or {@code null} for the template's default
	 */
	public @Nullable String inferenceComponentName() {
		return this.settings.inferenceComponentName();
	}

	/**
	 * Returns the id of a stateful session opened earlier with {@code InvokeEndpoint}.
	 * @return the session id, or {@code null}
	 */
	public @Nullable String sessionId() {
		return this.sessionId;
	}

	/**
	 * Returns the stateful session the request continues, whose endpoint and expiry are
	 * checked before sending.
	 * @return the session, or {@code null}
	 */
	public @Nullable InferenceSession session() {
		return this.session;
	}

	/**
	 * Returns the model to invoke on a multi-model endpoint, which only {@code invoke}
	 * can address.
	 * @return the target model, or {@code null}
	 */
	public @Nullable String targetModel() {
		return this.targetModel;
	}

	/**
	 * Returns the longest wait from subscription to the first token.
	 * @return the first-token timeout, or {@code null} for the template's
	 */
	public @Nullable Duration firstTokenTimeout() {
		return this.settings.limits().firstToken();
	}

	/**
	 * Returns the longest gap between two events once the stream has started.
	 * @return the idle timeout, or {@code null} for the template's
	 */
	public @Nullable Duration idleTimeout() {
		return this.settings.limits().idle();
	}

	/**
	 * Returns the longest time the whole stream may take.
	 * @return the total timeout, or {@code null} for the template's
	 */
	public @Nullable Duration totalTimeout() {
		return this.settings.limits().total();
	}

	/**
	 * Builds an {@link InferenceRequest}.
	 */
	public static final class Builder extends RequestSettings.Builder<Builder> {

		private @Nullable String prompt;

		private @Nullable List<ChatMessage> messages;

		private List<ToolDefinition> tools = List.of();

		private @Nullable ToolChoice toolChoice;

		private @Nullable ResponseFormat responseFormat;

		private byte @Nullable [] body;

		private @Nullable String targetVariant;

		private @Nullable String targetContainerHostname;

		private @Nullable String inferenceId;

		private @Nullable String sessionId;

		private @Nullable InferenceSession session;

		private @Nullable String targetModel;

		private Builder() {
		}

		/**
		 * Sets the prompt, which the format turns into a body.
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(@Nullable String prompt) {
			this.prompt = prompt;
			return this;
		}

		/**
		 * Sets the conversation, oldest message first, which the {@code openai-chat}
		 * format renders as its {@code messages}; other formats refuse it.
		 * @param messages the messages
		 * @return this builder
		 */
		public Builder messages(@Nullable List<ChatMessage> messages) {
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
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Asks for an answer in JSON, or in JSON valid within a schema, which the format
		 * asks of its container in the container's own terms; the {@code raw} format
		 * refuses it.
		 * @param responseFormat the response format, or {@code null} for free text
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Sets a raw body, sent as it is instead of the format's request shape (at most 6
		 * MiB).
		 * @param body the body
		 * @return this builder
		 */
		public Builder body(byte @Nullable [] body) {
			this.body = (body != null) ? body.clone() : null;
			return this;
		}

		/**
		 * Sets a raw body, sent as UTF-8 instead of the format's request shape (at most 6
		 * MiB).
		 * @param body the body
		 * @return this builder
		 */
		public Builder body(@Nullable String body) {
			this.body = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null;
			return this;
		}

		/**
		 * Sets the production variant to invoke.
		 * @param targetVariant the variant name
		 * @return this builder
		 */
		public Builder targetVariant(@Nullable String targetVariant) {
			this.targetVariant = targetVariant;
			return this;
		}

		/**
		 * Sets the container to invoke on a multi-container endpoint with direct
		 * invocation.
		 * @param targetContainerHostname the container hostname
		 * @return this builder
		 */
		public Builder targetContainerHostname(@Nullable String targetContainerHostname) {
			this.targetContainerHostname = targetContainerHostname;
			return this;
		}

		/**
		 * Sets the inference id that SageMaker records with the request (1 to 64
		 * printable characters).
		 * @param inferenceId the inference id
		 * @return this builder
		 */
		public Builder inferenceId(@Nullable String inferenceId) {
			this.inferenceId = inferenceId;
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
		public Builder sessionId(@Nullable String sessionId) {
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
		public Builder session(@Nullable InferenceSession session) {
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
		public Builder targetModel(@Nullable String targetModel) {
			this.targetModel = targetModel;
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
			RequestConstraints.endpointName(this.targetVariant, "targetVariant");
			RequestConstraints.endpointName(this.targetContainerHostname, "targetContainerHostname");
			RequestConstraints.inferenceId(this.inferenceId, "inferenceId");
			RequestConstraints.sessionId(this.sessionId, "sessionId");
			RequestConstraints.targetModel(this.targetModel, "targetModel");
			if (this.body != null) {
				RequestConstraints.bodySize(this.body.length, endpointName());
			}
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
						endpointName());
			}
			if (this.messages != null && this.messages.isEmpty()) {
				throw new InvalidInferenceRequestException(
						"The messages are empty: a conversation needs at least one message.", endpointName());
			}
			if (this.body != null
					&& (!this.tools.isEmpty() || this.toolChoice != null || this.responseFormat != null)) {
				throw new InvalidInferenceRequestException("Tools, a tool choice and a response format are rendered by "
						+ "the format, so they cannot go with a body of your own: put them in the body, or set a prompt "
						+ "or messages instead.", endpointName());
			}
		}

	}

}
