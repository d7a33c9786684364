package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The settings of a call that a template holds as defaults and a request may override,
 * each declared and checked once, in {@link Builder}, and merged once, in
 * {@link #overriddenBy}. Both {@link StreamingInferenceTemplate.Builder} and
 * {@link InferenceRequest.Builder} are such builders.
 *
 * @param endpointName the endpoint, or {@code null}
 * @param inferenceComponentName the inference component, or {@code null}
 * @param format the request shape built from a prompt, or {@code null}
 * @param parameters the generation parameters, never {@code null}
 * @param contentType the body's MIME type, or {@code null}
 * @param accept the MIME type asked of the container, or {@code null}
 * @param customAttributes the custom attributes, or {@code null}
 * @param limits the time limits, any of them {@code null}
 * @param logging whether the request and its answer are logged, either {@code null}
 */
record RequestSettings(@Nullable String endpointName, @Nullable String inferenceComponentName,
		@Nullable InferenceFormat format, Map<String, Object> parameters, @Nullable String contentType,
		@Nullable String accept, @Nullable String customAttributes, StreamLimits limits, ContentLogging logging) {

	/**
	 * Returns these settings with each one that the request sets replaced, and the
	 * request's parameters merged over these.
	 */
	RequestSettings overriddenBy(RequestSettings request) {
		return new RequestSettings(or(request.endpointName, this.endpointName),
				or(request.inferenceComponentName, this.inferenceComponentName), or(request.format, this.format),
				merged(this.parameters, request.parameters), or(request.contentType, this.contentType),
				or(request.accept, this.accept), or(request.customAttributes, this.customAttributes),
				this.limits.overriddenBy(request.limits), this.logging.overriddenBy(request.logging));
	}

	private static <T> @Nullable T or(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

	private static Map<String, Object> merged(Map<String, Object> defaults, Map<String, Object> overrides) {
		if (overrides.isEmpty()) {
			return defaults;
		}
		Map<String, Object> merged = new LinkedHashMap<>(defaults);
		merged.putAll(overrides);
		return Collections.unmodifiableMap(merged);
	}

	/**
	 * Sets the settings of a call, checking each against the constraints that the
	 * SageMaker Runtime API documents as it is set, so that a bad value fails where it is
	 * given, with a message that names it.
	 *
	 * @param <B> the builder's own type
	 */
	abstract static class Builder<B extends Builder<B>> {

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private @Nullable InferenceFormat format;

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		private @Nullable String contentType;

		private @Nullable String accept;

		private @Nullable String customAttributes;

		private StreamLimits limits = StreamLimits.NONE;

		private ContentLogging logging = ContentLogging.NONE;

		/**
		 * Sets the endpoint to invoke (at most 63 letters, digits and hyphens); a
		 * request's endpoint overrides the template's.
		 * @param endpointName the endpoint name
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name breaks the constraint
		 */
		public B endpointName(@Nullable String endpointName) {
			RequestConstraints.endpointName(endpointName, "endpointName");
			this.endpointName = endpointName;
			return self();
		}

		/**
		 * Sets the inference component to invoke (at most 63 letters, digits and
		 * hyphens); a request's overrides the template's.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name breaks the constraint
		 */
		public B inferenceComponentName(@Nullable String inferenceComponentName) {
			RequestConstraints.inferenceComponentName(inferenceComponentName, "inferenceComponentName");
			this.inferenceComponentName = inferenceComponentName;
			return self();
		}

		/**
		 * Sets the request shape built from a prompt or messages; a request's overrides
		 * the template's, which is {@link InferenceFormat#OPENAI_CHAT} unless set.
		 * @param format the format
		 * @return this builder
		 */
		public B format(@Nullable InferenceFormat format) {
			this.format = format;
			return self();
		}

		/**
		 * Adds generation parameters (for example {@code max_tokens},
		 * {@code temperature}); a request's are merged over the template's. Values are
		 * strings, numbers, booleans, lists, maps or Jackson nodes.
		 * @param parameters the parameters
		 * @return this builder
		 * @throws InvalidInferenceRequestException if a name would replace what the
		 * format builds from the prompt: {@code messages}, {@code prompt}, {@code inputs}
		 * or {@code stream}
		 */
		public B parameters(Map<String, ?> parameters) {
			RequestConstraints.parameters(parameters, this.endpointName);
			this.parameters.putAll(parameters);
			return self();
		}

		/**
		 * Adds one generation parameter.
		 * @param name the parameter name
		 * @param value the value
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name would replace what the
		 * format builds from the prompt
		 * @see #parameters(Map)
		 */
		public B parameter(String name, @Nullable Object value) {
			return parameters(Collections.singletonMap(name, value));
		}

		/**
		 * Sets the MIME type of the body (at most 1024 US-ASCII characters;
		 * {@code application/json}, or {@code text/plain} for the raw format, unless
		 * set).
		 * @param contentType the content type
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the value breaks the constraint
		 */
		public B contentType(@Nullable String contentType) {
			RequestConstraints.asciiHeader(contentType, "contentType");
			this.contentType = contentType;
			return self();
		}

		/**
		 * Sets the MIME type asked of the container (at most 1024 US-ASCII characters).
		 * @param accept the accept value
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the value breaks the constraint
		 */
		public B accept(@Nullable String accept) {
			RequestConstraints.asciiHeader(accept, "accept");
			this.accept = accept;
			return self();
		}

		/**
		 * Sets the custom attributes passed to the container, for example
		 * {@code accept_eula=true} (at most 1024 visible US-ASCII characters).
		 * @param customAttributes the custom attributes
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the value breaks the constraint
		 */
		public B customAttributes(@Nullable String customAttributes) {
			RequestConstraints.customAttributes(customAttributes, "customAttributes");
			this.customAttributes = customAttributes;
			return self();
		}

		/**
		 * Sets the longest wait from subscription to the first token, retries included; a
		 * request's overrides the template's (no limit unless set).
		 * @param timeout the first-token timeout, or {@code null}
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the timeout is not positive
		 */
		public B firstTokenTimeout(@Nullable Duration timeout) {
			RequestConstraints.positive(timeout, "firstTokenTimeout");
			this.limits = new StreamLimits(timeout, this.limits.idle(), this.limits.total());
			return self();
		}

		/**
		 * Sets the longest gap between two events once the stream has started;
		 * keep-alives count as events. A request's overrides the template's (no limit
		 * unless set).
		 * @param timeout the idle timeout, or {@code null}
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the timeout is not positive
		 */
		public B idleTimeout(@Nullable Duration timeout) {
			RequestConstraints.positive(timeout, "idleTimeout");
			this.limits = new StreamLimits(this.limits.firstToken(), timeout, this.limits.total());
			return self();
		}

		/**
		 * Sets the longest time a whole stream may take; a request's overrides the
		 * template's (no limit unless set).
		 * @param timeout the total timeout, or {@code null}
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the timeout is not positive
		 */
		public B totalTimeout(@Nullable Duration timeout) {
			RequestConstraints.positive(timeout, "totalTimeout");
			this.limits = new StreamLimits(this.limits.firstToken(), this.limits.idle(), timeout);
			return self();
		}

		/**
		 * Sets whether the body sent is logged, at DEBUG under the
		 * {@code StreamingInferenceTemplate} logger; a request's overrides the template's
		 * (off unless set). The body holds the prompt.
		 * @param logRequests whether to log the request body
		 * @return this builder
		 */
		public B logRequests(boolean logRequests) {
			this.logging = new ContentLogging(logRequests, this.logging.responses());
			return self();
		}

		/**
		 * Sets whether the answer is logged, at DEBUG under the
		 * {@code StreamingInferenceTemplate} logger: its whole text, finish reason and
		 * number of tool calls, once the stream or the {@code invoke} call completes. A
		 * request's overrides the template's (off unless set).
		 * @param logResponses whether to log the answer
		 * @return this builder
		 */
		public B logResponses(boolean logResponses) {
			this.logging = new ContentLogging(this.logging.requests(), logResponses);
			return self();
		}

		/**
		 * Returns the settings given so far.
		 */
		RequestSettings settings() {
			return new RequestSettings(this.endpointName, this.inferenceComponentName, this.format,
					Collections.unmodifiableMap(new LinkedHashMap<>(this.parameters)), this.contentType, this.accept,
					this.customAttributes, this.limits, this.logging);
		}

		/**
		 * Returns the endpoint given so far, for the messages of the checks made when the
		 * builder builds.
		 */
		@Nullable String endpointName() {
			return this.endpointName;
		}

		@SuppressWarnings("unchecked")
		private B self() {
			return (B) this;
		}

	}

}
