package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Where a request goes and how long it may take, as a framework's options carry it: the
 * endpoint, the inference component (or adapter), the format, the custom attributes, the
 * stateful session, the production variant, the container, the inference id and the three
 * time limits. Spring AI's and LangChain4j's options each hold one, merge it with
 * {@link #mergedOver} and put it on a request with {@link #applyTo}; their builders have
 * a method for each setting through {@link Setters}, so a setting is declared here alone.
 * A setting left unset takes the template's default.
 */
public final class InvocationOptions {

	/** No setting: the template's defaults apply. */
	public static final InvocationOptions NONE = builder().build();

	private final @Nullable String endpointName;

	private final @Nullable String inferenceComponentName;

	private final @Nullable InferenceFormat format;

	private final @Nullable String customAttributes;

	private final @Nullable InferenceSession session;

	private final @Nullable String targetVariant;

	private final @Nullable String targetContainerHostname;

	private final @Nullable String inferenceId;

	private final StreamLimits limits;

	private InvocationOptions(Builder builder) {
		this.endpointName = builder.endpointName;
		this.inferenceComponentName = builder.inferenceComponentName;
		this.format = builder.format;
		this.customAttributes = builder.customAttributes;
		this.session = builder.session;
		this.targetVariant = builder.targetVariant;
		this.targetContainerHostname = builder.targetContainerHostname;
		this.inferenceId = builder.inferenceId;
		this.limits = builder.limits;
	}

	/**
	 * Starts options.
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
		return this.endpointName;
	}

	/**
	 * Returns the inference component (or adapter) to invoke.
	 * @return the inference component name, or {@code null} for the template's default
	 */
	public @Nullable String inferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the request format; a conversation needs
	 * {@link InferenceFormat#OPENAI_CHAT}.
	 * @return the format, or {@code null} for the template's default
	 */
	public @Nullable InferenceFormat format() {
		return this.format;
	}

	/**
	 * Returns the custom attributes passed to the container.
	 * @return the custom attributes, or {@code null} for the template's default
	 */
	public @Nullable String customAttributes() {
		return this.customAttributes;
	}

	/**
	 * Returns the stateful session the request continues.
	 * @return the session, or {@code null}
	 */
	public @Nullable InferenceSession session() {
		return this.session;
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
	 * Returns the longest wait from subscription to the first token.
	 * @return the first-token timeout, or {@code null} for the template's
	 */
	public @Nullable Duration firstTokenTimeout() {
		return this.limits.firstToken();
	}

	/**
	 * Returns the longest gap between two events once the stream has started.
	 * @return the idle timeout, or {@code null} for the template's
	 */
	public @Nullable Duration idleTimeout() {
		return this.limits.idle();
	}

	/**
	 * Returns the longest time the whole stream may take.
	 * @return the total timeout, or {@code null} for the template's
	 */
	public @Nullable Duration totalTimeout() {
		return this.limits.total();
	}

	/**
	 * Returns these options over the defaults, field by field: each setting that these
	 * leave unset is the default's.
	 * @param defaults the options underneath
	 * @return the merged options
	 */
	public InvocationOptions mergedOver(InvocationOptions defaults) {
		Builder merged = new Builder();
		merged.endpointName = or(this.endpointName, defaults.endpointName);
		merged.inferenceComponentName = or(this.inferenceComponentName, defaults.inferenceComponentName);
		merged.format = or(this.format, defaults.format);
		merged.customAttributes = or(this.customAttributes, defaults.customAttributes);
		merged.session = or(this.session, defaults.session);
		merged.targetVariant = or(this.targetVariant, defaults.targetVariant);
		merged.targetContainerHostname = or(this.targetContainerHostname, defaults.targetContainerHostname);
		merged.inferenceId = or(this.inferenceId, defaults.inferenceId);
		merged.limits = defaults.limits.overriddenBy(this.limits);
		return merged.build();
	}

	/**
	 * Puts every setting that these options set on a request; the request's other
	 * settings stay as they are.
	 * @param request the request's builder
	 * @return the same builder
	 */
	public InferenceRequest.Builder applyTo(InferenceRequest.Builder request) {
		set(this.endpointName, request::endpointName);
		set(this.inferenceComponentName, request::inferenceComponentName);
		set(this.format, request::format);
		set(this.customAttributes, request::customAttributes);
		set(this.session, request::session);
		set(this.targetVariant, request::targetVariant);
		set(this.targetContainerHostname, request::targetContainerHostname);
		set(this.inferenceId, request::inferenceId);
		set(this.limits.firstToken(), request::firstTokenTimeout);
		set(this.limits.idle(), request::idleTimeout);
		set(this.limits.total(), request::totalTimeout);
		return request;
	}

	/**
	 * Returns a builder that starts from these options.
	 * @return a builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.endpointName = this.endpointName;
		builder.inferenceComponentName = this.inferenceComponentName;
		builder.format = this.format;
		builder.customAttributes = this.customAttributes;
		builder.session = this.session;
		builder.targetVariant = this.targetVariant;
		builder.targetContainerHostname = this.targetContainerHostname;
		builder.inferenceId = this.inferenceId;
		builder.limits = this.limits;
		return builder;
	}

	private static <T> @Nullable T or(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

	private static <T> void set(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof InvocationOptions that && Objects.equals(this.endpointName, that.endpointName)
				&& Objects.equals(this.inferenceComponentName, that.inferenceComponentName)
				&& this.format == that.format && Objects.equals(this.customAttributes, that.customAttributes)
				&& Objects.equals(this.session, that.session) && Objects.equals(this.targetVariant, that.targetVariant)
				&& Objects.equals(this.targetContainerHostname, that.targetContainerHostname)
				&& Objects.equals(this.inferenceId, that.inferenceId) && this.limits.equals(that.limits);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.endpointName, this.inferenceComponentName, this.format, this.customAttributes,
				this.session, this.targetVariant, this.targetContainerHostname, this.inferenceId, this.limits);
	}

	@Override
	public String toString() {
		return "InvocationOptions[endpointName=" + this.endpointName + ", inferenceComponentName="
				+ this.inferenceComponentName + ", format=" + this.format + ", customAttributes="
				+ this.customAttributes + ", session=" + ((this.session != null) ? this.session.id() : null)
				+ ", targetVariant=" + this.targetVariant + ", targetContainerHostname=" + this.targetContainerHostname
				+ ", inferenceId=" + this.inferenceId + ", limits=" + this.limits + "]";
	}

	/**
	 * Builds {@link InvocationOptions}, checking each setting against the constraints
	 * that the SageMaker Runtime API documents as it is set.
	 */
	public static final class Builder {

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private @Nullable InferenceFormat format;

		private @Nullable String customAttributes;

		private @Nullable InferenceSession session;

		private @Nullable String targetVariant;

		private @Nullable String targetContainerHostname;

		private @Nullable String inferenceId;

		private StreamLimits limits = StreamLimits.NONE;

		private Builder() {
		}

		/**
		 * Sets the endpoint to invoke instead of the template's default.
		 * @param endpointName the endpoint name
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name breaks the API's
		 * constraint
		 */
		public Builder endpointName(@Nullable String endpointName) {
			RequestConstraints.endpointName(endpointName, "endpointName");
			this.endpointName = endpointName;
			return this;
		}

		/**
		 * Sets the inference component (or adapter) to invoke instead of the template's
		 * default.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name breaks the API's
		 * constraint
		 */
		public Builder inferenceComponentName(@Nullable String inferenceComponentName) {
			RequestConstraints.inferenceComponentName(inferenceComponentName, "inferenceComponentName");
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Sets the request format instead of the template's default; a conversation needs
		 * {@link InferenceFormat#OPENAI_CHAT}.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(@Nullable InferenceFormat format) {
			this.format = format;
			return this;
		}

		/**
		 * Sets the custom attributes passed to the container instead of the template's
		 * default.
		 * @param customAttributes the custom attributes
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the value breaks the API's
		 * constraint
		 */
		public Builder customAttributes(@Nullable String customAttributes) {
			RequestConstraints.customAttributes(customAttributes, "customAttributes");
			this.customAttributes = customAttributes;
			return this;
		}

		/**
		 * Continues a stateful session opened with
		 * {@link StreamingInferenceTemplate#openSession}; the template checks, before
		 * sending, that the request goes to the session's endpoint and that the session
		 * has not expired.
		 * @param session the session
		 * @return this builder
		 */
		public Builder session(@Nullable InferenceSession session) {
			this.session = session;
			return this;
		}

		/**
		 * Sets the production variant to invoke.
		 * @param targetVariant the variant name
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name breaks the API's
		 * constraint
		 */
		public Builder targetVariant(@Nullable String targetVariant) {
			RequestConstraints.endpointName(targetVariant, "targetVariant");
			this.targetVariant = targetVariant;
			return this;
		}

		/**
		 * Sets the container to invoke on a multi-container endpoint with direct
		 * invocation.
		 * @param targetContainerHostname the container hostname
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the name breaks the API's
		 * constraint
		 */
		public Builder targetContainerHostname(@Nullable String targetContainerHostname) {
			RequestConstraints.endpointName(targetContainerHostname, "targetContainerHostname");
			this.targetContainerHostname = targetContainerHostname;
			return this;
		}

		/**
		 * Sets the inference id that SageMaker records with the request.
		 * @param inferenceId the inference id
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the id breaks the API's constraint
		 */
		public Builder inferenceId(@Nullable String inferenceId) {
			RequestConstraints.inferenceId(inferenceId, "inferenceId");
			this.inferenceId = inferenceId;
			return this;
		}

		/**
		 * Sets the longest wait from subscription to the first token, retries included,
		 * instead of the template's.
		 * @param timeout the first-token timeout
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the timeout is not positive
		 */
		public Builder firstTokenTimeout(@Nullable Duration timeout) {
			RequestConstraints.positive(timeout, "firstTokenTimeout");
			this.limits = new StreamLimits(timeout, this.limits.idle(), this.limits.total());
			return this;
		}

		/**
		 * Sets the longest gap between two events once the stream has started instead of
		 * the template's.
		 * @param timeout the idle timeout
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the timeout is not positive
		 */
		public Builder idleTimeout(@Nullable Duration timeout) {
			RequestConstraints.positive(timeout, "idleTimeout");
			this.limits = new StreamLimits(this.limits.firstToken(), timeout, this.limits.total());
			return this;
		}

		/**
		 * Sets the longest time a whole stream may take instead of the template's.
		 * @param timeout the total timeout
		 * @return this builder
		 * @throws InvalidInferenceRequestException if the timeout is not positive
		 */
		public Builder totalTimeout(@Nullable Duration timeout) {
			RequestConstraints.positive(timeout, "totalTimeout");
			this.limits = new StreamLimits(this.limits.firstToken(), this.limits.idle(), timeout);
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public InvocationOptions build() {
			return new InvocationOptions(this);
		}

	}

	/**
	 * A builder method for each setting of {@link InvocationOptions}, for the builder of
	 * a framework's options that holds them: it implements
	 * {@link #invocationOptions(UnaryOperator)} alone and has every other method, each
	 * setting checked as it is set.
	 *
	 * @param <B> the builder's own type
	 */
	public interface Setters<B> {

		/**
		 * Changes the invocation options this builder holds.
		 * @param change what to do to a builder that starts from them
		 * @return this builder
		 */
		B invocationOptions(UnaryOperator<Builder> change);

		/**
		 * Replaces every invocation option this builder holds.
		 * @param options the options
		 * @return this builder
		 */
		default B invocationOptions(InvocationOptions options) {
			return invocationOptions((ignored) -> options.mutate());
		}

		/**
		 * Sets the endpoint to invoke instead of the template's default.
		 * @param endpointName the endpoint name
		 * @return this builder
		 * @see Builder#endpointName(String)
		 */
		default B endpointName(@Nullable String endpointName) {
			return invocationOptions((options) -> options.endpointName(endpointName));
		}

		/**
		 * Sets the inference component (or adapter) to invoke instead of the template's
		 * default.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 * @see Builder#inferenceComponentName(String)
		 */
		default B inferenceComponentName(@Nullable String inferenceComponentName) {
			return invocationOptions((options) -> options.inferenceComponentName(inferenceComponentName));
		}

		/**
		 * Sets the request format instead of the template's default; a conversation needs
		 * {@link InferenceFormat#OPENAI_CHAT}.
		 * @param format the format
		 * @return this builder
		 */
		default B format(@Nullable InferenceFormat format) {
			return invocationOptions((options) -> options.format(format));
		}

		/**
		 * Sets the custom attributes passed to the container instead of the template's
		 * default.
		 * @param customAttributes the custom attributes
		 * @return this builder
		 * @see Builder#customAttributes(String)
		 */
		default B customAttributes(@Nullable String customAttributes) {
			return invocationOptions((options) -> options.customAttributes(customAttributes));
		}

		/**
		 * Continues a stateful session opened with
		 * {@link StreamingInferenceTemplate#openSession}.
		 * @param session the session
		 * @return this builder
		 * @see Builder#session(InferenceSession)
		 */
		default B session(@Nullable InferenceSession session) {
			return invocationOptions((options) -> options.session(session));
		}

		/**
		 * Sets the production variant to invoke.
		 * @param targetVariant the variant name
		 * @return this builder
		 */
		default B targetVariant(@Nullable String targetVariant) {
			return invocationOptions((options) -> options.targetVariant(targetVariant));
		}

		/**
		 * Sets the container to invoke on a multi-container endpoint with direct
		 * invocation.
		 * @param targetContainerHostname the container hostname
		 * @return this builder
		 */
		default B targetContainerHostname(@Nullable String targetContainerHostname) {
			return invocationOptions((options) -> options.targetContainerHostname(targetContainerHostname));
		}

		/**
		 * Sets the inference id that SageMaker records with the request.
		 * @param inferenceId the inference id
		 * @return this builder
		 */
		default B inferenceId(@Nullable String inferenceId) {
			return invocationOptions((options) -> options.inferenceId(inferenceId));
		}

		/**
		 * Sets the longest wait from subscription to the first token, retries included,
		 * instead of the template's.
		 * @param timeout the first-token timeout
		 * @return this builder
		 */
		default B firstTokenTimeout(@Nullable Duration timeout) {
			return invocationOptions((options) -> options.firstTokenTimeout(timeout));
		}

		/**
		 * Sets the longest gap between two events once the stream has started instead of
		 * the template's.
		 * @param timeout the idle timeout
		 * @return this builder
		 */
		default B idleTimeout(@Nullable Duration timeout) {
			return invocationOptions((options) -> options.idleTimeout(timeout));
		}

		/**
		 * Sets the longest time a whole stream may take instead of the template's.
		 * @param timeout the total timeout
		 * @return this builder
		 */
		default B totalTimeout(@Nullable Duration timeout) {
			return invocationOptions((options) -> options.totalTimeout(timeout));
		}

	}

}
